-- A handled update's raw JSON (the sender's name, what they wrote) is no longer
-- kept: only its id, to recognise a redelivery. Rows handled before this
-- version are cleared the same way.
UPDATE inbox SET payload = '{}' WHERE done_at IS NOT NULL;
