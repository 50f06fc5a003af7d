-- How many virtual ballots put each proposal at each rank, kept by triggers in
-- the same transaction as the choices themselves, so that it equals
-- `SELECT proposal_id, rank, COUNT(*) FROM ballot_choices GROUP BY 1, 2` at
-- every committed state (foreign-key cascades, such as a citizen's erasure,
-- fire these triggers too). The live figures of /avance read it instead of
-- counting a million rows; `consulta tally`, the exports and the report still
-- count the choices themselves, and `consulta doctor` checks that both agree.
CREATE TABLE choice_totals (
    proposal_id TEXT NOT NULL,
    rank        INTEGER NOT NULL,
    n           INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (proposal_id, rank)
) WITHOUT ROWID;

INSERT INTO choice_totals (proposal_id, rank, n)
SELECT proposal_id, rank, COUNT(*) FROM ballot_choices GROUP BY proposal_id, rank;

CREATE TRIGGER ballot_choices_insert_counts AFTER INSERT ON ballot_choices
BEGIN
    INSERT INTO choice_totals (proposal_id, rank, n) VALUES (NEW.proposal_id, NEW.rank, 1)
    ON CONFLICT (proposal_id, rank) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ballot_choices_delete_counts AFTER DELETE ON ballot_choices
BEGIN
    UPDATE choice_totals SET n = n - 1 WHERE proposal_id = OLD.proposal_id AND rank = OLD.rank;
END;

CREATE TRIGGER ballot_choices_update_counts AFTER UPDATE OF proposal_id, rank ON ballot_choices
BEGIN
    UPDATE choice_totals SET n = n - 1 WHERE proposal_id = OLD.proposal_id AND rank = OLD.rank;
    INSERT INTO choice_totals (proposal_id, rank, n) VALUES (NEW.proposal_id, NEW.rank, 1)
    ON CONFLICT (proposal_id, rank) DO UPDATE SET n = n + 1;
END;
