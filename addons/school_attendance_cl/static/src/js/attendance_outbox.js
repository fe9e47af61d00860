/** @odoo-module **/
import publicWidget from "@web/legacy/js/public/public_widget";

// Offline-tolerant saving of a block on the teacher's phone.
//
// The block form is posted in the background. When the phone has no
// connection (the request never reaches the server, or a proxy answers
// 5xx, or the session has to log in again), the form's fields are kept in
// this browser's localStorage (the "outbox", one per database and user)
// and posted again when the connection comes back (the "online" event) or
// when an attendance page is opened. The server's save is retry-safe:
// posting the same block twice gives the same marks. A block the school
// refuses (signed meanwhile, month closed...) is listed with a link until
// the teacher opens it. Without JavaScript the form posts as before.

function read(key) {
    try {
        return JSON.parse(window.localStorage.getItem(key)) || [];
    } catch {
        return [];
    }
}

function write(key, items) {
    window.localStorage.setItem(key, JSON.stringify(items));
}

publicWidget.registry.SchoolAttendanceOutbox = publicWidget.Widget.extend({
    selector: ".o_school_attendance_outbox_zone",
    events: {
        "click form.o_school_block_form button[type='submit']": "_onClickSubmit",
        "change form.o_school_block_form": "_onChange",
        "submit form.o_school_block_form": "_onSubmit",
    },

    start() {
        const owner = this.el.dataset.outboxOwner || "";
        this.outboxKey = `school_attendance_outbox:${owner}`;
        this.refusedKey = `school_attendance_refused:${owner}`;
        // Opening a refused block is checking it.
        write(
            this.refusedKey,
            read(this.refusedKey).filter(
                (item) => this._path(item.action) !== window.location.pathname
            )
        );
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

    _path(url) {
        return new URL(url, window.location.href).pathname;
    },

    _onClickSubmit(ev) {
        this._submitter = ev.currentTarget;
    },

    _onChange() {
        this._dirty = true;
    },

    async _onSubmit(ev) {
        ev.preventDefault();
        const form = ev.currentTarget;
        // The button pressed (remembered too for browsers without
        // SubmitEvent.submitter, so "Save and sign" never only saves).
        const submitter = (ev.originalEvent && ev.originalEvent.submitter) || this._submitter;
        this._submitter = null;
        const fields = [...new FormData(form).entries()];
        if (submitter && submitter.name) {
            fields.push([submitter.name, submitter.value]);
        }
        const buttons = form.querySelectorAll("button");
        buttons.forEach((button) => (button.disabled = true));
        const item = {
            id: `${Date.now()}-${Math.random()}`,
            action: form.action,
            title: form.dataset.title,
            fields,
        };
        const [outcome, url] = await this._send(item);
        if (outcome === "sent") {
            this._dirty = false;
            window.location.assign(url);
            return;
        }
        if (outcome === "refused") {
            // The school refused it and says why: post natively to show its
            // page (a refused save changes nothing).
            if (submitter && submitter.name) {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = submitter.name;
                input.value = submitter.value;
                form.appendChild(input);
            }
            form.submit();
            return;
        }
        try {
            // Not sent: keep it (the latest save of a block wins).
            const items = read(this.outboxKey).filter((other) => other.action !== item.action);
            items.push(item);
            write(this.outboxKey, items);
            this._dirty = false;
        } catch {
            // No room on the phone: the marks stay on the page.
        }
        buttons.forEach((button) => (button.disabled = false));
        this._render();
    },

    /**
     * Post one saved block; return [outcome, url of the answer]: "sent"
     * (the server saved it and answered with the block's page), "refused"
     * (the server answered with an error) or "kept" (no answer from the
     * school: no connection, a proxy error, a login page).
     */
    async _send(item) {
        const body = new FormData();
        for (const [name, value] of item.fields) {
            // A stored token may have expired: use this page's.
            body.append(name, name === "csrf_token" ? odoo.csrf_token : value);
        }
        let response;
        try {
            response = await window.fetch(item.action, {
                method: "POST",
                body,
                credentials: "same-origin",
            });
        } catch {
            return ["kept", null];
        }
        const url = new URL(response.url);
        if (response.redirected) {
            const saved = url.pathname === this._path(item.action) && url.searchParams.get("saved");
            return [saved ? "sent" : "kept", response.url];
        }
        return [response.status >= 500 ? "kept" : "refused", response.url];
    },

    async _flush() {
        if (this._flushing || !read(this.outboxKey).length) {
            return;
        }
        this._flushing = true;
        const done = new Set();
        const refused = [];
        let sent = 0;
        for (const item of read(this.outboxKey)) {
            const [outcome] = await this._send(item);
            if (outcome === "sent") {
                sent++;
                done.add(item.id);
            } else if (outcome === "refused") {
                refused.push(item);
                done.add(item.id);
            }
        }
        // Blocks saved meanwhile (this tab or another) stay in the outbox.
        write(this.outboxKey, read(this.outboxKey).filter((item) => !done.has(item.id)));
        write(this.refusedKey, [...read(this.refusedKey), ...refused]);
        this._flushing = false;
        if (sent && !this._dirty) {
            // Show what the server now holds (a GET, even after a POST).
            window.location.replace(window.location.pathname + window.location.search);
        } else {
            this._render();
        }
    },

    _render() {
        const pending = read(this.outboxKey);
        const refused = read(this.refusedKey);
        const box = this.el.querySelector(".o_school_outbox");
        box.classList.toggle("d-none", !pending.length);
        box.querySelector(".o_school_outbox_count").textContent = pending.length;
        const refusedBox = this.el.querySelector(".o_school_outbox_refused");
        refusedBox.classList.toggle("d-none", !refused.length);
        refusedBox.querySelector(".o_school_outbox_links").replaceChildren(
            ...refused.map((item) => {
                const link = document.createElement("a");
                link.href = item.action;
                link.className = "d-block";
                link.textContent = item.title || item.action;
                return link;
            })
        );
    },
});
