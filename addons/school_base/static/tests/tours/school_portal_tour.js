/** @odoo-module **/
import { registry } from "@web/core/registry";

// A teacher opens the portal home, finds the school entry and opens it.
registry.category("web_tour.tours").add("school_base_teacher_portal", {
    url: "/my",
    steps: () => [
        {
            content: "The school entry shows the teacher's course count",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/school']",
            run: "click",
        },
        {
            content: "The course and its class list are listed",
            trigger: ".o_school_course:contains('Tour 3° básico A')",
        },
        {
            content: "Students of the course are shown",
            trigger: ".o_school_course li:contains('Ana Tour')",
        },
    ],
});
