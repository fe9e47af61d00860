/** @odoo-module **/
import { registry } from "@web/core/registry";

// A teacher takes block 1 of a course: marks one student absent and signs.
registry.category("web_tour.tours").add("school_attendance_teacher_block", {
    steps: () => [
        {
            content: "Open block 1 of the course",
            trigger: ".o_school_attendance_course:contains('Tour 3° básico A') a.o_school_block[data-block='1']",
            run: "click",
        },
        {
            content: "Everyone starts present",
            trigger: ".o_school_student[data-student='Ana Tour'] input[value='present']:checked",
        },
        {
            content: "A present student has no minutes box",
            trigger: ".o_school_student[data-student='Ana Tour'] input.o_school_late_minutes:not(:visible)",
        },
        {
            content: "Picking late shows it",
            trigger: ".o_school_student[data-student='Ana Tour'] label.o_school_mark_late",
            run: "click",
        },
        {
            trigger: ".o_school_student[data-student='Ana Tour'] input.o_school_late_minutes:visible",
        },
        {
            content: "Mark Ana absent",
            trigger: ".o_school_student[data-student='Ana Tour'] label.o_school_mark_absent",
            run: "click",
        },
        {
            content: "The minutes box goes away again",
            trigger: ".o_school_student[data-student='Ana Tour'] input.o_school_late_minutes:not(:visible)",
        },
        {
            content: "Save and sign",
            trigger: "button.o_school_sign",
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

// An apoderado justifies an absence of their child.
registry.category("web_tour.tours").add("school_attendance_guardian_justify", {
    steps: () => [
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
            content: "Details",
            trigger: "textarea[name='description']",
            run: "edit Trámite familiar",
        },
        {
            content: "Send",
            trigger: "button.o_school_justify_submit",
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

// Open a block of the course, mark Ana with ``code``, lose the connection
// (every request fails as it does offline; the real fetch is kept in
// window.schoolRealFetch) and save: the block waits on the phone.
function offlineSaveSteps(block, code) {
    return [
        {
            content: `Open block ${block} of the course`,
            trigger: `.o_school_attendance_course:contains('Tour 3° básico A') a.o_school_block[data-block='${block}']`,
            run: "click",
        },
        {
            content: `Mark Ana ${code}`,
            trigger: `.o_school_student[data-student='Ana Tour'] label.o_school_mark_${code}`,
            run: "click",
        },
        {
            content: "The connection drops",
            trigger: "form.o_school_block_form",
            run() {
                window.schoolRealFetch = window.fetch;
                window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
            },
        },
        {
            content: "Save",
            trigger: "button.o_school_save",
            run: "click",
        },
        {
            content: "The block waits on the phone",
            trigger: ".o_school_outbox:not(.d-none) .o_school_outbox_count:contains('1')",
        },
    ];
}

// A teacher saves a block without connection: the phone keeps it and sends
// it when the page is open again with a connection.
registry.category("web_tour.tours").add("school_attendance_teacher_offline", {
    steps: () => [
        ...offlineSaveSteps(2, "absent"),
        {
            content: "Later, with a connection, the teacher opens the page again",
            trigger: ".o_school_outbox:not(.d-none)",
            run() {
                window.location.reload();
            },
        },
        {
            content: "The block was sent: Ana is absent and nothing waits",
            trigger: ".o_school_outbox.d-none:not(:visible)",
        },
        {
            trigger: ".o_school_student[data-student='Ana Tour'] input[value='absent']:checked",
        },
    ],
});

// A block saved without connection is signed from elsewhere before the
// phone sends it: the school refuses the stale save and the phone lists it.
registry.category("web_tour.tours").add("school_attendance_teacher_offline_refused", {
    steps: () => [
        ...offlineSaveSteps(3, "late"),
        {
            content: "Meanwhile the block is signed (from another device)",
            trigger: "form.o_school_block_form",
            async run() {
                const form = document.querySelector("form.o_school_block_form");
                const body = new FormData();
                body.append("csrf_token", odoo.csrf_token);
                body.append("sign", "1");
                const response = await window.schoolRealFetch(form.action, {
                    method: "POST",
                    body,
                });
                if (!response.redirected) {
                    throw new Error("the block could not be signed");
                }
                window.location.reload();
            },
        },
        {
            content: "The school refused the stale save: the phone lists it",
            trigger: ".o_school_outbox_refused:not(.d-none) .o_school_outbox_links a",
        },
        {
            content: "Nothing waits any more",
            trigger: ".o_school_outbox.d-none:not(:visible)",
        },
        {
            content: "The block is signed with its own marks",
            trigger: ".o_school_signed",
        },
        {
            trigger: ".o_school_student[data-student='Ana Tour'] input[value='present']:checked",
        },
    ],
});

// A block saved without connection is changed on another device before the
// phone sends it: the newer save wins, the phone drops its own and says so.
registry.category("web_tour.tours").add("school_attendance_teacher_offline_stale", {
    steps: () => [
        ...offlineSaveSteps(4, "absent"),
        {
            content: "Meanwhile Ana is marked late on another device",
            trigger: "form.o_school_block_form",
            async run() {
                const form = document.querySelector("form.o_school_block_form");
                const name = document.querySelector(
                    ".o_school_student[data-student='Ana Tour'] input[value='late']"
                ).name;
                const body = new FormData();
                body.append("csrf_token", odoo.csrf_token);
                body.append(name, "late");
                body.append(`late_${name.slice(5)}`, "7");
                const response = await window.schoolRealFetch(form.action, {
                    method: "POST",
                    body,
                });
                if (!response.redirected) {
                    throw new Error("the block could not be saved elsewhere");
                }
                window.location.reload();
            },
        },
        {
            content: "The phone's older save was discarded and the teacher is told",
            trigger: ".o_school_outbox_stale:not(.d-none) .o_school_outbox_links a",
        },
        {
            content: "Nothing waits any more",
            trigger: ".o_school_outbox.d-none:not(:visible)",
        },
        {
            content: "The newer save was kept: Ana is late",
            trigger: ".o_school_student[data-student='Ana Tour'] input[value='late']:checked",
        },
        {
            content: "with her minutes shown",
            trigger: ".o_school_student[data-student='Ana Tour'] input.o_school_late_minutes[value='7']:visible",
        },
        {
            content: "The discarded marks are not kept on the phone",
            trigger: ".o_school_outbox_stale:not(.d-none)",
            run() {
                const stored = Object.keys(window.localStorage)
                    .filter((key) => key.startsWith("school_attendance_"))
                    .map((key) => window.localStorage.getItem(key))
                    .join();
                if (stored.includes("mark_")) {
                    throw new Error(`marks left on the phone: ${stored}`);
                }
            },
        },
    ],
});

// The teacher saves and signs; the school saves it but the answer is lost
// on the way (the phone sees a network error). The phone only says the
// block is pending, sends it again by itself a moment later, and the
// school answers that it is saved: the same block again is no conflict.
registry.category("web_tour.tours").add("school_attendance_teacher_retry", {
    steps: () => [
        {
            content: "Open block 7 of the course",
            trigger: ".o_school_attendance_course:contains('Tour 3° básico A') a.o_school_block[data-block='7']",
            run: "click",
        },
        {
            content: "Mark Ana absent",
            trigger: ".o_school_student[data-student='Ana Tour'] label.o_school_mark_absent",
            run: "click",
        },
        {
            content: "The first answer will be lost on the way back",
            trigger: "form.o_school_block_form",
            run() {
                const realFetch = window.fetch;
                let calls = 0;
                // The retries wait until the tour has seen the pending state.
                let release;
                window.schoolRetryGate = new Promise((resolve) => (release = resolve));
                window.schoolReleaseRetry = release;
                window.fetch = async (...args) => {
                    calls++;
                    if (calls === 1) {
                        await realFetch(...args);
                        throw new TypeError("Failed to fetch");
                    }
                    await window.schoolRetryGate;
                    return realFetch(...args);
                };
            },
        },
        {
            content: "Save and sign",
            trigger: "button.o_school_sign",
            run: "click",
        },
        {
            content: "Confirm the signature",
            trigger: "#o_school_sign_confirm.show button.o_school_sign_confirm",
            run: "click",
        },
        {
            content: "Only a discreet pending state, no error",
            trigger: ".o_school_outbox:not(.d-none) .o_school_outbox_pending:contains('Pendiente de envío')",
            run() {
                if (document.querySelector(".o_school_attendance_block .alert-danger:not(.d-none)")) {
                    throw new Error("a network error was shown as an error");
                }
                window.schoolReleaseRetry();
            },
        },
        {
            content: "Sent again by itself: the block is signed, Ana absent",
            trigger: ".o_school_signed",
        },
        {
            trigger: ".o_school_student[data-student='Ana Tour'] input[value='absent']:checked",
        },
        {
            content: "Nothing waits and nothing was refused",
            trigger: ".o_school_outbox.d-none:not(:visible)",
            run() {
                if (document.querySelector(".o_school_outbox_refused:not(.d-none)")) {
                    throw new Error("the retry was refused");
                }
                if (schoolKeys().length) {
                    throw new Error(`left in the browser: ${schoolKeys()}`);
                }
            },
        },
    ],
});

function schoolKeys() {
    return Object.keys(window.localStorage).filter((key) => key.startsWith("school_attendance_"));
}

// Children's marks do not stay on the phone: what another user left and what
// is older than the time limit is dropped when a page opens, and logging out
// forgets the blocks still waiting.
registry.category("web_tour.tours").add("school_attendance_teacher_logout", {
    steps: () => [
        {
            content: "Another user left a block here, and this teacher one two days ago",
            trigger: ".o_school_attendance_course:contains('Tour 3° básico A')",
            run() {
                const zone = document.querySelector(".o_school_attendance_outbox_zone");
                const owner = zone.dataset.outboxOwner;
                const course = [...document.querySelectorAll(".o_school_attendance_course")].find(
                    (card) => card.textContent.includes("Tour 3° básico A")
                );
                const action = course.querySelector("a.o_school_block[data-block='6']").href;
                const old = Date.now() - 2 * 24 * 60 * 60 * 1000;
                const item = (queuedAt) => ({
                    id: `${queuedAt}-0`,
                    queuedAt,
                    action,
                    title: "6",
                    fields: [["csrf_token", ""], ["mark_0", "absent"]],
                });
                window.localStorage.setItem(
                    `school_attendance_outbox:${owner}`,
                    JSON.stringify([item(old)])
                );
                window.localStorage.setItem(
                    `school_attendance_refused:${owner}`,
                    JSON.stringify([{ ...item(old), stale: true }])
                );
                window.localStorage.setItem(
                    "school_attendance_outbox:another_db:999999",
                    JSON.stringify([item(Date.now())])
                );
                document.body.classList.add("o_school_before_reload");
                window.location.reload();
            },
        },
        {
            content: "Opened again: both are gone",
            trigger: "body:not(.o_school_before_reload) .o_school_attendance_course",
            run() {
                if (schoolKeys().length) {
                    throw new Error(`left in the browser: ${schoolKeys()}`);
                }
            },
        },
        ...offlineSaveSteps(5, "absent"),
        {
            content: "The teacher logs out",
            trigger: ".o_school_outbox:not(.d-none)",
            run() {
                if (!schoolKeys().length) {
                    throw new Error("the block should wait on the phone");
                }
                document.body.classList.add("o_school_before_logout");
                document.querySelector("a[href*='/web/session/logout']").click();
            },
        },
        {
            content: "Logged out: nothing of the class book is left in the browser",
            trigger: "body:not(.o_school_before_logout)",
            run() {
                if (schoolKeys().length) {
                    throw new Error(`left in the browser: ${schoolKeys()}`);
                }
            },
        },
    ],
});

// The backend's user menu logs out by loading /web/session/logout (no link
// of the portal is clicked): the login page that follows forgets the block
// this teacher kept on the phone.
registry.category("web_tour.tours").add("school_attendance_teacher_backend_logout", {
    steps: () => [
        {
            content: "A block waits on the phone; the teacher logs out from the backend",
            trigger: ".o_school_attendance_outbox_zone",
            run() {
                const owner = document.querySelector(".o_school_attendance_outbox_zone").dataset
                    .outboxOwner;
                window.localStorage.setItem(
                    `school_attendance_outbox:${owner}`,
                    JSON.stringify([
                        {
                            id: `${Date.now()}-0`,
                            queuedAt: Date.now(),
                            action: "/my/attendance",
                            title: "1",
                            fields: [["mark_0", "absent"]],
                        },
                    ])
                );
                window.location.assign("/web/session/logout?redirect=/web/login");
            },
        },
        {
            content: "The login page: nothing of the class book is left in the browser",
            trigger: ".oe_login_form",
            run() {
                if (schoolKeys().length) {
                    throw new Error(`left in the browser: ${schoolKeys()}`);
                }
                if (document.cookie.includes("school_attendance_logged_out")) {
                    throw new Error("the logout mark should be used once");
                }
            },
        },
    ],
});

// A teacher asks, on a phone, for the correction of a mark of a signed block
// (the page opens on that block; Ana was marked absent and the block signed).
registry.category("web_tour.tours").add("school_attendance_teacher_correction", {
    steps: () => [
        {
            content: "The block is signed: the correction form is there",
            trigger: ".o_school_signed",
        },
        {
            content: "Choose Ana's mark",
            trigger: "form.o_school_correction_form select[name='line_id']",
            run() {
                const option = document.querySelector(
                    "select[name='line_id'] option[data-student='Ana Tour']"
                );
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "She was late, not absent",
            trigger: "form.o_school_correction_form select[name='code']",
            run: "select late",
        },
        {
            trigger: "form.o_school_correction_form input[name='late_minutes']",
            run: "edit 12",
        },
        {
            content: "Say why",
            trigger: "form.o_school_correction_form textarea[name='reason']",
            run: "edit Llegó a las 8:12",
        },
        {
            content: "Ask for it",
            trigger: "form.o_school_correction_form button.o_school_correction_submit",
            run: "click",
        },
        {
            content: "The request is sent and listed as pending",
            trigger: ".o_school_correction_sent",
        },
        {
            trigger: ".o_school_correction[data-state='pending']",
        },
    ],
});
