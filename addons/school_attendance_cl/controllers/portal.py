# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.school_base.controllers.portal import SchoolPortal

from ..models.school_guard import DB_INT_MAX, to_db_int

BLOCKS = range(1, 9)


class SchoolAttendancePortal(SchoolPortal):
    """A teacher takes a block's attendance on a phone.

    The routes parse and check; school.attendance.session.save_block does the
    work under the teacher's own access rights (record rules limit them to
    their courses). The only sudo() reads the number of a block's latest
    change, its version (see _school_block_version).
    """

    def _school_day(self, day):
        """The date of a URL or form (YYYY-MM-DD), today when absent; None
        when malformed."""
        if not day:
            return request.env["school.calendar"].school_today(request.env.company)
        try:
            return fields.Date.to_date(day)
        except (TypeError, ValueError):
            return None

    def _school_batch(self, batch_id):
        """A course the user may read, or None."""
        if not 0 < batch_id <= DB_INT_MAX:
            return None
        batch = request.env["op.batch"].browse(batch_id).exists()
        if not batch:
            return None
        try:
            batch.check_access("read")
        except AccessError:
            return None
        return batch

    def _school_error(self, message, status=404):
        """A page that says what is wrong, with its HTTP status (never a 500
        for what the user typed)."""
        values = self._prepare_portal_layout_values()
        values.update(page_name="school_attendance", message=message)
        return request.render("school_attendance_cl.portal_attendance_error", values, status=status)

    def _school_block_version(self, session):
        """The version of a block as the page shows it: "new" before its
        first save, then its id and the id of its latest change of marks.

        Every change of marks (first save, change, deletion, correction)
        appends a row to the audit log, so a later save made on another
        device gives another version; a save that changes nothing does not.
        The marks have no write date of their own.
        """
        if not session:
            return "new"
        # sudo: the caller read the session with their own rights; only the
        # number of its latest audit row is read, to compare versions, and
        # nothing else of the log reaches the page.
        last = (
            request.env["school.attendance.log"]
            .sudo()
            .search([("session_id", "=", session.id)], order="id desc", limit=1)
        )
        return "%s-%s" % (session.id, last.id)

    @staticmethod
    def _school_same_marks(session, marks):
        """Whether the block already holds exactly the posted ``marks``
        (everyone else present): sending a save again whose answer was lost
        is not a conflict."""
        if not session:
            return False
        posted = {mark["student_id"]: mark for mark in marks}
        for line in session.line_ids:
            mark = posted.pop(line.student_id.id, None)
            if (mark["code"] if mark else "present") != line.code_id.code:
                return False
            if line.code_id.is_late and (mark["late_minutes"] if mark else 0) != line.late_minutes:
                return False
        return not posted

    @staticmethod
    def _school_marks(post):
        """The marks of a posted block form, or None when a field is not a
        number."""
        marks = []
        for key, code in post.items():
            if key.startswith("mark_") and code != "present":
                try:
                    student_id = to_db_int(key[5:])
                    late = to_db_int(post.get("late_%s" % key[5:]) or 0)
                except ValueError:
                    return None
                marks.append({"student_id": student_id, "code": code, "late_minutes": late})
        return marks

    def _prepare_home_portal_values(self, counters):
        # Each card of /my has a counter of its own: the portal's script
        # fills (and shows) only the first card that carries a given key.
        values = super()._prepare_home_portal_values(counters)
        if "school_attendance_course_count" in counters:
            batch = request.env["op.batch"]
            values["school_attendance_course_count"] = (
                batch.search_count(self._school_course_domain()) if batch.has_access("read") else 0
            )
        if "school_attendance_child_count" in counters:
            student = request.env["op.student"]
            values["school_attendance_child_count"] = (
                student.search_count(self._school_children_domain())
                if student.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/attendance"], type="http", auth="user", website=True)
    def portal_my_attendance(self, date=None, **kw):
        day = self._school_day(date)
        if not day:
            return self._school_error(
                request.env._("The date %(date)s does not exist.", date=date), status=400
            )
        batches = request.env["op.batch"].search(self._school_course_domain(), order="name")
        sessions = request.env["school.attendance.session"].search(
            [("batch_id", "in", batches.ids), ("date", "=", day)]
        )
        state = {(s.batch_id.id, s.block): s.state for s in sessions}
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="school_attendance", day=day, batches=batches, blocks=BLOCKS, state=state
        )
        return request.render("school_attendance_cl.portal_my_attendance", values)

    @http.route(
        ["/my/attendance/<int:batch_id>/<string:day>/<int:block>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_attendance_block(self, batch_id, day, block, **post):
        batch = self._school_batch(batch_id)
        if not batch:
            return self._school_error(request.env._("This course does not exist or is not yours."))
        date = self._school_day(day)
        if not date:
            return self._school_error(request.env._("The date %(date)s does not exist.", date=day))
        if block not in BLOCKS:
            return self._school_error(request.env._("There is no block %(block)s.", block=block))
        error = False
        status = 200
        session_domain = [("batch_id", "=", batch.id), ("date", "=", date), ("block", "=", block)]
        if request.httprequest.method == "POST":
            marks = self._school_marks(post)
            try:
                if marks is None:
                    status = 400
                    raise UserError(
                        request.env._(
                            "The form was not understood: a student or the minutes late "
                            "are not a number. Nothing was saved."
                        )
                    )
                # A save kept on the phone without connection is sent later
                # with the version of the page it was made on. If the block
                # changed since (a newer save made on another device), the
                # newer save wins: nothing is written and the teacher is
                # told. A save posted at once carries no version; a block
                # signed meanwhile is refused by save_block, which says so.
                version = post.get("version")
                if version:
                    current = request.env["school.attendance.session"].search(
                        session_domain, limit=1
                    )
                    stale = (
                        current.state != "signed"
                        and version != self._school_block_version(current)
                        and not self._school_same_marks(current, marks)
                    )
                    if stale:
                        status = 409
                        raise UserError(
                            request.env._(
                                "This block was changed on another device after it was "
                                "saved without connection; the most recent version was "
                                "kept. Check the list."
                            )
                        )
                request.env["school.attendance.session"].save_block(
                    batch.id, date, block, marks, sign=bool(post.get("sign"))
                )
            except (UserError, AccessError) as err:
                error = str(err)
            else:
                return request.redirect(
                    "/my/attendance/%s/%s/%s?saved=1" % (batch.id, date.isoformat(), block)
                )
        session = request.env["school.attendance.session"].search(session_domain, limit=1)
        return self._school_block_page(
            batch,
            date,
            block,
            session,
            error=error,
            status=status,
            saved=post.get("saved"),
            requested=post.get("requested"),
        )

    def _school_block_page(self, batch, date, block, session, error=False, status=200, **extra):
        """The page of a block: its marks, and once signed, the correction
        requests of its marks and the form to ask for one."""
        env = request.env
        marks = {line.student_id.id: line for line in session.line_ids}
        correction_model = env["school.attendance.correction"]
        corrections = (
            correction_model.search([("line_id", "in", session.line_ids.ids)])
            if session.state == "signed" and correction_model.has_access("read")
            else correction_model
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="school_attendance",
            batch=batch,
            day=date,
            block=block,
            session=session,
            version=self._school_block_version(session),
            students=batch._school_students_on(date).sorted("name"),
            marks=marks,
            error=error,
            options=self._school_mark_options(),
            corrections=corrections,
            correction_post={},
            saved=False,
            requested=False,
        )
        values.update(extra)
        return request.render("school_attendance_cl.portal_attendance_block", values, status=status)

    @staticmethod
    def _school_mark_options():
        return [
            ("present", request.env._("Present")),
            ("absent", request.env._("Absent")),
            ("late", request.env._("Late")),
        ]

    @http.route(
        ["/my/attendance/<int:batch_id>/<string:day>/<int:block>/correction"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_attendance_correction(self, batch_id, day, block, **post):
        """A teacher asks for the correction of a mark of a signed block.

        The request is created with the teacher's own rights:
        school.attendance.correction.create checks that they keep the
        course's class book, and the Director (or a designee) decides it.
        """
        env = request.env
        batch = self._school_batch(batch_id)
        date = self._school_day(day)
        if not batch or not date or block not in BLOCKS:
            return self._school_error(env._("This block does not exist or is not yours."))
        session = env["school.attendance.session"].search(
            [("batch_id", "=", batch.id), ("date", "=", date), ("block", "=", block)], limit=1
        )
        try:
            line_id = to_db_int(post.get("line_id") or 0)
        except ValueError:
            line_id = 0
        line = session.line_ids.filtered(lambda mark: mark.id == line_id)
        if session.state != "signed" or not line:
            return self._school_error(env._("This mark does not exist or is not yours."))
        error = False
        try:
            codes = env["school.attendance.code"]._school_code_map()
            code = post.get("code")
            if code not in dict(self._school_mark_options()) or code not in codes:
                raise UserError(env._("Choose the correct mark."))
            try:
                late = to_db_int(post.get("late_minutes") or 0) if codes[code][1] else 0
            except ValueError:
                raise UserError(env._("The minutes late must be a number.")) from None
            reason = (post.get("reason") or "").strip()
            if not reason:
                raise UserError(env._("Write the reason of the correction."))
            if codes[code][0] == line.code_id.id and late == line.late_minutes:
                raise UserError(env._("The mark already has this value."))
            env["school.attendance.correction"].create(
                {
                    "line_id": line.id,
                    "new_code_id": codes[code][0],
                    "new_late_minutes": late,
                    "reason": reason,
                }
            )
        except AccessError:
            return self._school_error(env._("This mark does not exist or is not yours."))
        except (UserError, ValidationError) as err:
            error = str(err)
        else:
            return request.redirect(
                "/my/attendance/%s/%s/%s?requested=1" % (batch.id, date.isoformat(), block)
            )
        return self._school_block_page(
            batch, date, block, session, error=error, status=400, correction_post=post
        )

    # ------------------------------------------------------- apoderados --
    @http.route(
        ["/my/attendance/justify"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_attendance_justify(self, **post):
        """An apoderado sees their children's absences and justifies them.

        The justification is created with the apoderado's own rights: the
        record rules only let them create it for their own children.
        """
        env = request.env
        student_model = env["op.student"]
        children = (
            student_model.search(self._school_children_domain(), order="name")
            if student_model.has_access("read")
            else student_model
        )
        error = False
        status = 200
        if request.httprequest.method == "POST":
            status = 400
            reasons = dict(
                env["school.attendance.justification"]._fields["reason"]._description_selection(env)
            )
            try:
                try:
                    student_id = int(post.get("student_id") or 0)
                except ValueError:
                    student_id = 0
                student = children.filtered(lambda s: s.id == student_id)
                if not student:
                    raise UserError(env._("Choose one of your children."))
                reason = post.get("reason") or "medical"
                if reason not in reasons:
                    raise UserError(env._("Choose one of the reasons of the list."))
                vals = {
                    "student_id": student.id,
                    "company_id": student.company_id.id or env.company.id,
                    "date_from": fields.Date.to_date(post.get("date_from")),
                    "date_to": fields.Date.to_date(post.get("date_to") or post.get("date_from")),
                    "reason": reason,
                    "certificate_date": fields.Date.to_date(post.get("certificate_date") or None),
                    "description": post.get("description"),
                }
                if not vals["date_from"]:
                    raise ValueError("no date")
                upload = request.httprequest.files.get("certificate_file")
                if upload and upload.filename:
                    vals["certificate_file"] = base64.b64encode(upload.read())
                    vals["certificate_filename"] = upload.filename
                env["school.attendance.justification"].create(vals)
            except (UserError, ValidationError, AccessError) as err:
                error = str(err)
            except (TypeError, ValueError):
                error = env._("Write the dates as they are asked (day, month, year).")
            else:
                return request.redirect("/my/attendance/justify?sent=1")

        justification_model = env["school.attendance.justification"]
        line_model = env["school.attendance.line"]
        since = env["school.calendar"].school_today(env.company) - datetime.timedelta(days=60)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="school_attendance",
            children=children,
            justifications=justification_model.search([("student_id", "in", children.ids)])
            if justification_model.has_access("read")
            else justification_model,
            absences=line_model.search(
                [
                    ("student_id", "in", children.ids),
                    ("date", ">=", since),
                    ("code_id.is_justified", "=", False),
                    "|",
                    ("code_id.sige_status", "=", "absent"),
                    ("code_id.is_late", "=", True),
                ]
            )
            if line_model.has_access("read")
            else line_model,
            error=error,
            sent=post.get("sent"),
            post=post,
        )
        return request.render(
            "school_attendance_cl.portal_attendance_justify", values, status=status
        )
