/** @odoo-module **/
import { registry } from "@web/core/registry";

// A role's day from the login page: the tour types the login and the
// password and submits (the login's own redirect is the only page change);
// everything after it happens in the backend's single page.
function loginSteps(login) {
    return [
        {
            content: "The login page speaks Spanish",
            trigger: "form.oe_login_form button[type='submit']:contains('Iniciar sesión')",
        },
        {
            trigger: "form.oe_login_form input[name='login']",
            run: `edit ${login}`,
        },
        {
            trigger: "form.oe_login_form input[name='password']",
            run: `edit ${login}`,
        },
        {
            content: "Log in",
            trigger: "form.oe_login_form button[type='submit']",
            run: "click",
        },
    ];
}

// After the login: a mark on the page that a reload would wipe out.
const markPage = {
    content: "Mark the page (a reload would wipe the mark out)",
    trigger: ".o_action_manager",
    run() {
        window.schoolTourPage = true;
    },
};
const checkNoReload = {
    content: "No reload since the login",
    trigger: "body",
    run() {
        if (!window.schoolTourPage) {
            throw new Error("the page was reloaded");
        }
    },
};

// Secretaría lands on the attendance of the day (the class blocks) and
// registers a student's late arrival at the start of the day.
registry.category("web_tour.tours").add("school_attendance_secretary_day", {
    url: "/web/login",
    steps: () => [
        ...loginSteps("t_secretary"),
        {
            content: "Secretaría lands on the class blocks",
            trigger: ".o_breadcrumb:contains('Bloques de clase')",
        },
        markPage,
        {
            content: "The attendance menu",
            trigger: ".o_menu_sections [data-menu-xmlid='school_attendance_cl.school_attendance_cl_menu_root']",
            run: "click",
        },
        {
            content: "Late arrivals and withdrawals",
            trigger: ".dropdown-menu [data-menu-xmlid='school_attendance_cl.school_attendance_arrival_menu']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains('Atrasos y retiros')",
        },
        {
            content: "The columns are in Spanish",
            trigger: ".o_list_renderer th[data-name='minutes_late']:contains('Minutos de atraso')",
        },
        {
            content: "A new late arrival",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Late at the start of the day, by default",
            trigger: ".o_selected_row [name='kind'] select",
            run() {
                const label = this.anchor.selectedOptions[0].textContent;
                if (!label.includes("Atraso al inicio de la jornada")) {
                    throw new Error(`unexpected kind: ${label}`);
                }
            },
        },
        {
            content: "The student",
            trigger: ".o_selected_row [name='student_id'] input",
            run: "edit Ana Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Ana Tour')",
            run: "click",
        },
        {
            content: "Twenty minutes late",
            trigger: ".o_selected_row [name='minutes_late'] input",
            run: "edit 20",
        },
        {
            content: "Save",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Registered, and the apoderado must come and sign",
            trigger: ".o_data_row:not(.o_selected_row) td[name='student_id']:contains('Ana Tour')",
        },
        {
            trigger: ".o_data_row:not(.o_selected_row) td[name='requires_guardian'] input:checked",
        },
        checkNoReload,
    ],
});

// The sostenedor lands on the Tablero with every school of the network,
// reads the network card, opens the attendance trend (Odoo's graph and
// pivot) and the list behind a figure.
registry.category("web_tour.tours").add("school_attendance_sostenedor_day", {
    url: "/web/login",
    steps: () => [
        ...loginSteps("t_sostenedor"),
        {
            content: "The sostenedor lands on the Tablero",
            trigger: ".o_breadcrumb:contains('Tablero')",
        },
        markPage,
        {
            content: "The network card counts the students of both schools",
            trigger:
                ".o_kanban_record:has(.o_school_dashboard_network:contains('Red')) button[data-figure='students']:contains('3'):contains('Estudiantes')",
        },
        {
            content: "Each school has its card",
            trigger: ".o_kanban_record:contains('Escuela Dos') button[data-figure='students']:contains('1')",
        },
        {
            content: "The attendance figures are in Spanish",
            trigger:
                ".o_kanban_record:has(.o_school_dashboard_network) button[data-figure='below_promotion']:contains('bajo el mínimo de promoción')",
        },
        {
            trigger:
                ".o_kanban_record:has(.o_school_dashboard_network) button[data-figure='attendance']:contains('asistencia')",
        },
        {
            content: "Every school is included: no note about schools left out",
            trigger: ".o_school_dashboard:not(:has([name='school_dashboard_scope_note']))",
        },
        {
            content: "Open the network's attendance by month",
            trigger: ".o_kanban_record:has(.o_school_dashboard_network) button[data-figure='attendance_trend']",
            run: "click",
        },
        {
            content: "Odoo's graph, by month",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            trigger: ".o_breadcrumb:contains('Asistencia por mes')",
        },
        {
            content: "The pivot of the same figures",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            trigger: ".o_pivot .o_pivot_measure_row:contains('Asistencia (%)')",
        },
        {
            content: "Back to the Tablero",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb li.breadcrumb-item:first-child a",
            run: "click",
        },
        {
            content: "The students figure of the second school opens its list",
            trigger: ".o_kanban_record:contains('Escuela Dos') button[data-figure='students']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains('Estudiantes · Escuela Dos')",
        },
        {
            content: "The list behind it: the school's one student",
            trigger: ".o_list_renderer .o_data_row:contains('Bea Dos')",
            run() {
                const rows = document.querySelectorAll(".o_list_renderer .o_data_row");
                if (rows.length !== 1) {
                    throw new Error(`expected 1 student, got ${rows.length}`);
                }
            },
        },
        checkNoReload,
    ],
});

// A teacher on a phone: from the login page to today's class list, takes
// block 1 of the course (Ana absent) and signs it.
registry.category("web_tour.tours").add("school_attendance_teacher_day", {
    url: "/web/login",
    steps: () => [
        ...loginSteps("t_teacher"),
        {
            content: "The teacher lands on today's blocks, in Spanish",
            trigger: ".o_school_attendance h3:contains('Asistencia del')",
        },
        {
            content: "Open block 1 of the course",
            trigger: ".o_school_attendance_course:contains('Tour 3° básico A') a.o_school_block[data-block='1']",
            run: "click",
        },
        {
            content: "Mark Ana absent",
            trigger: ".o_school_student[data-student='Ana Tour'] label.o_school_mark_absent",
            run: "click",
        },
        {
            content: "Save and sign",
            trigger: "button.o_school_sign:contains('Guardar y firmar')",
            run: "click",
        },
        {
            content: "Signing is final: confirm it",
            trigger: "#o_school_sign_confirm.show button.o_school_sign_confirm",
            run: "click",
        },
        {
            content: "The block is signed and Ana is absent",
            trigger: ".o_school_signed",
        },
        {
            trigger: ".o_school_student[data-student='Ana Tour'] input[value='absent']:checked",
        },
    ],
});

// An apoderado on a phone: from the login page to their child, then the
// portal home's justifications card, and justifies the child's absence.
registry.category("web_tour.tours").add("school_attendance_guardian_day", {
    url: "/web/login",
    steps: () => [
        ...loginSteps("t_guardian"),
        {
            content: "The apoderado lands on their child",
            trigger: ".o_school_child:contains('Ana Tour')",
        },
        {
            content: "Back to the portal home",
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
        },
        {
            content: "The justifications card, in Spanish",
            trigger:
                ".o_portal_index_card:not(.d-none) a[href='/my/attendance/justify']:contains('Asistencia y justificaciones')",
            run: "click",
        },
        {
            content: "The child's absence is listed",
            trigger: ".o_school_absence:contains('Ana Tour')",
        },
        {
            content: "From and to: today (the date picker is native)",
            trigger: "input[name='date_from']",
            run() {
                const today = new Date().toISOString().slice(0, 10);
                document.querySelector("input[name='date_from']").value = today;
                document.querySelector("input[name='date_to']").value = today;
            },
        },
        {
            content: "A family reason",
            trigger: "select[name='reason']",
            run: "select family",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Trámite familiar",
        },
        {
            content: "Send",
            trigger: "button.o_school_justify_submit:contains('Enviar')",
            run: "click",
        },
        {
            content: "Sent and listed",
            trigger: ".o_school_justify_sent",
        },
        {
            trigger: ".o_school_justification:contains('Ana Tour')",
        },
    ],
});
