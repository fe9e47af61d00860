/** @odoo-module **/
import { registry } from "@web/core/registry";

// The apoderado sends descargos through the portal within the window.
registry.category("web_tour.tours").add("school_discipline_guardian_descargos", {
    url: "/my/discipline",
    steps: () => [
        {
            content: "The open case of the child is listed with the descargos step",
            trigger: ".o_school_case .o_school_step[data-step='Descargos y medios de prueba'] textarea[name='text']",
            run: "edit Mi hija no estuvo en el lugar; adjunto el certificado del taller.",
        },
        {
            content: "Send",
            trigger: ".o_school_step[data-step='Descargos y medios de prueba'] button.o_school_submit",
            run: "click",
        },
        {
            content: "Received",
            trigger: ".o_school_discipline_sent",
        },
        {
            content: "The submission shows on the step",
            trigger: ".o_school_step[data-step='Descargos y medios de prueba'] .o_school_submission:contains('no estuvo en el lugar')",
        },
    ],
});

// A teacher records a leve on the phone for a student of their course.
registry.category("web_tour.tours").add("school_discipline_teacher_note", {
    url: "/my/discipline",
    steps: () => [
        {
            content: "Open the course",
            trigger: "a.o_school_note_course:contains('Tour 3° básico A')",
            run: "click",
        },
        {
            content: "Pick the student",
            trigger: "select[name='student_id']",
            run: "selectByLabel Ana Tour",
        },
        {
            content: "Pick the fault",
            trigger: "select[name='fault_id']",
            run: "selectByLabel L05 Interrumpir",
        },
        {
            content: "Describe the facts",
            trigger: "textarea[name='description']",
            run: "edit Usa el celular durante la prueba.",
        },
        {
            content: "Record",
            trigger: "button.o_school_note_submit",
            run: "click",
        },
        {
            content: "The first leve is a verbal warning in the ficha",
            trigger: ".o_school_note_saved:contains('Llamado de atención')",
        },
    ],
});
