/** @odoo-module **/
import { registry } from "@web/core/registry";

// The profesor jefe opens the month's survey of the course on the portal,
// answers for one student and saves.
registry.category("web_tour.tours").add("school_wellbeing_portal", {
    url: "/my/wellbeing",
    steps: () => [
        {
            content: "The course's open survey is listed",
            trigger: "a.o_wellbeing_sheet:contains('Tour 3° básico A')",
            run: "click",
        },
        {
            content: "Each student has a card",
            trigger: ".o_wellbeing_student:contains('Carla Tercera')",
        },
        {
            // Answers by their codes: the portal speaks the school's language.
            content: "Choose Carla's participation",
            trigger: ".o_wellbeing_student:contains('Carla Tercera') select:first",
            run() {
                const select = this.anchor;
                select.value = select.querySelector("option[data-code='some']").value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Tick a recurring emotion",
            trigger: ".o_wellbeing_student:contains('Carla Tercera') input[data-code='stress']",
            run: "click",
        },
        {
            content: "Save",
            trigger: "button.o_wellbeing_save",
            run: "click",
        },
        {
            content: "The answers were saved",
            trigger: ".o_wellbeing_saved",
        },
    ],
});
