# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Nightly work in batches that fail alone (issue 10; shared by the suite's crons).

One bad record must not stop every school: each batch (a school's part of
the work, a chunk of its records) runs in its own savepoint; a batch that
fails is retried record by record so that only the bad record is skipped,
and the failure is logged. Progress is reported through Odoo 18's cron
progress API (ir.cron._notify_progress). No commit here: the cron runner
commits when the job returns; every batch recomputes its figures from the
marks, so running the job again is harmless.
"""

import logging

_logger = logging.getLogger(__name__)

CHUNK_SIZE = 500


def chunks(records, size=CHUNK_SIZE):
    """The records in slices of ``size``."""
    return [records[index : index + size] for index in range(0, len(records), size)]


def run_in_batches(env, batches, label, done_before=0, remaining_after=0):
    """Run ``work(records)`` for each ``(name, records, work)`` of
    ``batches`` in a savepoint. Returns the names of what failed.
    ``done_before`` and ``remaining_after`` count batches of the same job
    run before and after these (for the progress report)."""
    failed = []
    total = done_before + len(batches) + remaining_after
    for done, (name, records, work) in enumerate(batches, done_before + 1):
        try:
            with env.cr.savepoint():
                work(records)
        except Exception:
            if len(records) <= 1:
                _logger.exception("%s: %s failed and was skipped", label, name)
                failed.append(name)
            else:
                # Record by record: only the bad one is lost.
                for record in records:
                    try:
                        with env.cr.savepoint():
                            work(record)
                    except Exception:
                        _logger.exception(
                            "%s: %s, record %s failed and was skipped", label, name, record
                        )
                        failed.append("%s %s" % (name, record))
        env["ir.cron"]._notify_progress(done=done, remaining=total - done)
    return failed
