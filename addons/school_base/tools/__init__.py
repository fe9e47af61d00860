from . import cron_batches
