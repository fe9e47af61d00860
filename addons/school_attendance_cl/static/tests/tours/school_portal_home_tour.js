/** @odoo-module **/
import { registry } from "@web/core/registry";

// The first /my of a session shows every card of the user's role at once
// (each card has its own counter key).
registry.category("web_tour.tours").add("school_attendance_teacher_home_cards", {
    url: "/my",
    steps: () => [
        {
            content: "The attendance card is shown",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/attendance']",
        },
        {
            content: "The courses card is shown too",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/school']",
        },
    ],
});

registry.category("web_tour.tours").add("school_attendance_guardian_home_cards", {
    url: "/my",
    steps: () => [
        {
            content: "The justifications card is shown",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/attendance/justify']",
        },
        {
            content: "The children card is shown too",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/school']",
        },
    ],
});
