/** @odoo-module **/
import publicWidget from "@web/legacy/js/public/public_widget";

// Offline-tolerant saving of a block on the teacher's phone.
//
// The block form is posted in the background. When the phone has no
// connection (the request never reaches the server), the form's fields
// are kept in this browser's localStorage (the "outbox") and sent again
// when the connection comes back (the "online" event) or when any
// attendance page is opened. The server's save is retry-safe: posting the
// same block twice gives the same marks. Without JavaScript the form
// posts as before.
const OUTBOX = "school_attendance_outbox";

function readOutbox() {
    try {
        return JSON.parse(window.localStorage.getItem(OUTBOX)) || [];
    } catch {
        return [];
    }
}

function writeOutbox(items) {
    window.localStorage.setItem(OUTBOX, JSON.stringify(items));
}

publicWidget.registry.SchoolAttendanceOutbox = publicWidget.Widget.extend({
    selector: ".o_school_attendance_outbox_zone",
    events: {
        "submit form.o_school_block_form": "_onSubmit",
    },

    start() {
        this._onOnline = () => this._flush();
        window.addEventListener("online", this._onOnline);
        this._render();
        this._flush();
        return this._super(...arguments);
    },

    destroy() {
        window.removeEventListener("online", this._onOnline);
        this._super(...arguments);
    },

    async _onSubmit(ev) {
        ev.preventDefault();
        const form = ev.currentTarget;
        const submitter = ev.originalEvent && ev.originalEvent.submitter;
        const fields = [...new FormData(form).entries()];
        if (submitter && submitter.name) {
            fields.push([submitter.name, submitter.value]);
        }
        for (const button of form.querySelectorAll("button")) {
            button.disabled = true;
        }
        let response;
        try {
            response = await this._post(form.action, fields);
        } catch {
            // No connection: keep the block (the latest save of it wins).
            const items = readOutbox().filter((item) => item.action !== form.action);
            items.push({ action: form.action, title: form.dataset.title, fields });
            writeOutbox(items);
            this._render();
            for (const button of form.querySelectorAll("button")) {
                button.disabled = false;
            }
            return;
        }
        if (response.redirected) {
            window.location.assign(response.url);
        } else {
            // The server refused the save and shows why: post natively to
            // see its page (the refused save changed nothing).
            if (submitter && submitter.name) {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = submitter.name;
                input.value = submitter.value;
                form.appendChild(input);
            }
            form.submit();
        }
    },

    _post(action, fields) {
        const body = new FormData();
        for (const [name, value] of fields) {
            // A stored token may have expired: use this page's.
            body.append(name, name === "csrf_token" ? odoo.csrf_token : value);
        }
        return window.fetch(action, { method: "POST", body, credentials: "same-origin" });
    },

    async _flush() {
        const items = readOutbox();
        if (this._flushing || !items.length) {
            return;
        }
        this._flushing = true;
        const left = [];
        const refused = [];
        let sent = 0;
        for (const item of items) {
            try {
                const response = await this._post(item.action, item.fields);
                if (response.redirected) {
                    sent++;
                } else {
                    refused.push(item);
                }
            } catch {
                left.push(item);
            }
        }
        writeOutbox(left);
        this._flushing = false;
        if (refused.length) {
            this._render(refused);
        } else if (sent) {
            // Show what the server now holds.
            window.location.reload();
        } else {
            this._render();
        }
    },

    _render(refused = []) {
        const pending = readOutbox();
        const box = this.el.querySelector(".o_school_outbox");
        if (box) {
            box.classList.toggle("d-none", !pending.length);
            box.querySelector(".o_school_outbox_count").textContent = pending.length;
        }
        const refusedBox = this.el.querySelector(".o_school_outbox_refused");
        if (refusedBox) {
            refusedBox.classList.toggle("d-none", !refused.length);
            const links = refusedBox.querySelector(".o_school_outbox_links");
            links.replaceChildren(
                ...refused.map((item) => {
                    const link = document.createElement("a");
                    link.href = item.action;
                    link.className = "d-block";
                    link.textContent = item.title || item.action;
                    return link;
                })
            );
        }
    },
});
