/** @odoo-module **/
import publicWidget from "@web/legacy/js/public/public_widget";
import { session } from "@web/session";

// Offline-tolerant saving of a block on the teacher's phone.
//
// The block form is posted in the background. When the phone has no
// connection (the request never reaches the server, or a proxy answers
// 5xx, or the session has to log in again), the form's fields are kept in
// this browser's localStorage (the "outbox", one per database and user)
// and posted again in the background with a growing delay (see
// RETRY_BASE_MS), when the connection comes back (the "online" event) and
// when an attendance page is opened. The server's save is retry-safe:
// posting the same block twice gives the same marks. A block the school
// refuses (signed meanwhile, month closed...) is listed with a link until
// the teacher opens it. Without JavaScript the form posts as before.
//
// A kept save is sent with the version of the page it was made on: when
// the block was changed on another device after that, the newer save wins,
// the phone's is dropped and the teacher is told (the server answers 409).
//
// Children's marks do not stay on the phone: the outbox is emptied when
// the user logs out (any logout link of the site, or the backend's user
// menu: the next page sees the logout's cookie), when another user opens
// a page of the site on this browser, and after MAX_AGE_MS.

const OUTBOX = "school_attendance_outbox:";
const REFUSED = "school_attendance_refused:";
// How long a block saved without connection waits on the phone: 24 hours,
// long enough for a day without signal, short enough that a lost or shared
// phone does not keep children's attendance. Later the teacher takes the
// block again (or asks for a correction). The page says "24 hours": keep
// both in step.
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
// A save that gets no answer (no connection, a timeout, a proxy's 5xx) is
// sent again in the background: after 2 s, 4 s, 8 s... at most a minute
// apart (with a random spread, so that a school's phones do not come back
// all in the same second), RETRY_LIMIT times; then when the connection
// comes back or a page of the class book is opened. Meanwhile the page only
// says the block is pending: only the school's refusals are errors.
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 60 * 1000;
const RETRY_LIMIT = 10;
// How long a save may wait for its answer before it counts as not sent.
const SEND_TIMEOUT_MS = 30 * 1000;

/** The wait before retry number ``attempt`` (0, 1, ...), in ms. */
export function retryDelay(attempt, random = Math.random) {
    const delay = Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS);
    return Math.round(delay * (0.75 + random() / 2));
}

function storage() {
    try {
        return window.localStorage;
    } catch {
        return null;
    }
}

function queuedAt(item) {
    // Items kept before queuedAt existed: their id starts with the time.
    return item.queuedAt || parseInt(item.id, 10) || 0;
}

function read(key) {
    let items;
    try {
        items = JSON.parse(storage().getItem(key)) || [];
    } catch {
        return [];
    }
    const limit = Date.now() - MAX_AGE_MS;
    return Array.isArray(items) ? items.filter((item) => queuedAt(item) > limit) : [];
}

function write(key, items) {
    if (items.length) {
        storage().setItem(key, JSON.stringify(items));
    } else {
        storage().removeItem(key);
    }
}

/** The keys of every outbox and refused list kept in this browser. */
function outboxKeys() {
    const store = storage();
    if (!store) {
        return [];
    }
    const keys = [];
    for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key.startsWith(OUTBOX) || key.startsWith(REFUSED)) {
            keys.push(key);
        }
    }
    return keys;
}

/** Forget every kept block of every user (logout). */
export function clearOutboxes() {
    for (const key of outboxKeys()) {
        storage().removeItem(key);
    }
}

/**
 * Drop what is too old and, when a user is logged in, what other users
 * left in this browser. ``owner`` ("db:uid", as the attendance pages give
 * it) is more precise than the uid alone when it is known.
 */
export function purgeOutboxes(uid, owner) {
    for (const key of outboxKeys()) {
        const keyOwner = key.slice(key.indexOf(":") + 1);
        const other = owner
            ? keyOwner !== owner
            : uid && keyOwner.slice(keyOwner.lastIndexOf(":") + 1) !== String(uid);
        if (other) {
            storage().removeItem(key);
        } else if (key.startsWith(REFUSED)) {
            // A refused block needs only its link (lists kept before this
            // version had the marks too).
            write(key, read(key).map((item) => ({ ...item, fields: undefined })));
        } else {
            write(key, read(key));
        }
    }
}

// Every page of the site: logging out forgets the kept blocks, and a page
// opened by another user (or after the time limit) drops what was left.
// The page after a login that expired is not a logout: the teacher logs in
// again and the blocks are sent.
if (storage()) {
    document.addEventListener(
        "click",
        (ev) => {
            if (ev.target.closest && ev.target.closest("a[href*='/web/session/logout']")) {
                clearOutboxes();
            }
        },
        true
    );
    // Any logout (the backend's user menu too) leaves this mark for the
    // next page (controllers/session.py): forget the kept blocks.
    if (document.cookie.split("; ").includes("school_attendance_logged_out=1")) {
        clearOutboxes();
        document.cookie = "school_attendance_logged_out=; max-age=0; path=/; SameSite=Lax";
    }
    purgeOutboxes(session.uid, null);
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
        this.outboxKey = `${OUTBOX}${owner}`;
        this.refusedKey = `${REFUSED}${owner}`;
        if (storage()) {
            purgeOutboxes(session.uid, owner);
            // Opening a refused block, once its warning was shown, is
            // checking it.
            write(
                this.refusedKey,
                read(this.refusedKey).filter(
                    (item) => !(item.seen && this._path(item.action) === window.location.pathname)
                )
            );
        }
        this._retries = 0;
        this._onOnline = () => {
            // The connection is back: retry now, with a fresh backoff.
            this._retries = 0;
            this._flush();
        };
        window.addEventListener("online", this._onOnline);
        this._render();
        this._flush();
        return this._super(...arguments);
    },

    destroy() {
        window.removeEventListener("online", this._onOnline);
        clearTimeout(this._retryTimer);
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
        const now = Date.now();
        const item = {
            id: `${now}-${Math.random()}`,
            queuedAt: now,
            action: form.action,
            title: form.dataset.title,
            // The block as this page showed it: sent only if the save waits.
            version: form.dataset.version,
            fields,
        };
        const [outcome, url] = await this._send(item, false);
        if (outcome === "sent") {
            this._dirty = false;
            window.location.assign(url);
            return;
        }
        if (outcome === "refused" || outcome === "stale") {
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
        this._scheduleRetry();
    },

    /** Send the waiting blocks again later (bounded exponential backoff). */
    _scheduleRetry() {
        clearTimeout(this._retryTimer);
        if (!storage() || !read(this.outboxKey).length || this._retries >= RETRY_LIMIT) {
            return;
        }
        const delay = retryDelay(this._retries++);
        this._retryTimer = setTimeout(() => this._flush(), delay);
    },

    /**
     * Post one saved block; return [outcome, url of the answer]: "sent"
     * (the server saved it and answered with the block's page), "stale"
     * (the block was changed elsewhere after this save was made: 409),
     * "refused" (the server answered with another error) or "kept" (no
     * answer from the school: no connection, a proxy error, a login page).
     * A replayed save carries the version of the page it was made on.
     */
    async _send(item, replay) {
        const body = new FormData();
        for (const [name, value] of item.fields) {
            // A stored token may have expired: use this page's.
            body.append(name, name === "csrf_token" ? odoo.csrf_token : value);
        }
        if (replay && item.version) {
            body.append("version", item.version);
        }
        // No answer in time counts as no connection: the save is kept and
        // sent again (the school's save is retry-safe).
        const controller = window.AbortController ? new AbortController() : null;
        const timer = controller && setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
        let response;
        try {
            response = await window.fetch(item.action, {
                method: "POST",
                body,
                credentials: "same-origin",
                signal: controller ? controller.signal : undefined,
            });
        } catch {
            return ["kept", null];
        } finally {
            clearTimeout(timer);
        }
        const url = new URL(response.url);
        if (response.redirected) {
            const saved = url.pathname === this._path(item.action) && url.searchParams.get("saved");
            return [saved ? "sent" : "kept", response.url];
        }
        if (response.status === 409) {
            return ["stale", response.url];
        }
        return [response.status >= 500 ? "kept" : "refused", response.url];
    },

    async _flush() {
        if (this._flushing || !storage() || !read(this.outboxKey).length) {
            return;
        }
        this._flushing = true;
        const done = new Set();
        const refused = [];
        let sent = 0;
        for (const item of read(this.outboxKey)) {
            const [outcome] = await this._send(item, true);
            if (outcome === "sent") {
                sent++;
                done.add(item.id);
            } else if (outcome === "refused" || outcome === "stale") {
                // Only what the warning needs: the marks are not kept.
                refused.push({
                    id: item.id,
                    queuedAt: item.queuedAt || queuedAt(item),
                    action: item.action,
                    title: item.title,
                    stale: outcome === "stale",
                });
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
            // Still no answer for some: try again later.
            this._scheduleRetry();
        }
    },

    _render() {
        const pending = read(this.outboxKey);
        const refused = read(this.refusedKey);
        const box = this.el.querySelector(".o_school_outbox");
        box.classList.toggle("d-none", !pending.length);
        box.querySelector(".o_school_outbox_count").textContent = pending.length;
        for (const [selector, items] of [
            [".o_school_outbox_refused", refused.filter((item) => !item.stale)],
            [".o_school_outbox_stale", refused.filter((item) => item.stale)],
        ]) {
            const alert = this.el.querySelector(selector);
            alert.classList.toggle("d-none", !items.length);
            alert.querySelector(".o_school_outbox_links").replaceChildren(
                ...items.map((item) => {
                    const link = document.createElement("a");
                    link.href = item.action;
                    link.className = "d-block alert-link";
                    link.textContent = item.title || item.action;
                    return link;
                })
            );
        }
        if (refused.some((item) => this._path(item.action) === window.location.pathname)) {
            // Shown on the block's own page: the next visit clears it.
            for (const item of refused) {
                if (this._path(item.action) === window.location.pathname) {
                    item.seen = true;
                }
            }
            try {
                write(this.refusedKey, refused);
            } catch {
                // No room: it is shown again.
            }
        }
    },
});
