-- A finished broadcast's figures, kept once its outbox rows (one per
-- recipient) are pruned a week after it ended.
ALTER TABLE broadcasts ADD COLUMN sent_count INTEGER;
ALTER TABLE broadcasts ADD COLUMN failed_count INTEGER;
ALTER TABLE broadcasts ADD COLUMN unreachable_count INTEGER;
ALTER TABLE broadcasts ADD COLUMN skipped_count INTEGER;
ALTER TABLE broadcasts ADD COLUMN cancelled_count INTEGER;
