-- FROZEN: never edit (tests/store/test_frozen_fixtures.py holds its sha256).
-- PostgreSQL schema version 4, with the unique follow-up index on (contact_id, kind, ...).
-- The DDL SQLAlchemy emits for the models of infoterm/store/schema.py at commit f68ce2c.
-- Then the change counter that version installed (migrate.install_change_counter).
CREATE TABLE landings (
	id SERIAL NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	start_date VARCHAR(10), 
	recorded_at VARCHAR(19) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE organisations (
	id SERIAL NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_key VARCHAR(200) NOT NULL, 
	website VARCHAR(500) NOT NULL, 
	notes TEXT NOT NULL, 
	is_target BOOLEAN NOT NULL, 
	created_at VARCHAR(19) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name_key)
);
CREATE TABLE questions (
	id SERIAL NOT NULL, 
	topic VARCHAR(60) NOT NULL, 
	text TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	archived BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE contacts (
	id SERIAL NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	organisation_id INTEGER, 
	title VARCHAR(200) NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	phone VARCHAR(40) NOT NULL, 
	linkedin_url VARCHAR(500) NOT NULL, 
	source VARCHAR(40) NOT NULL, 
	referred_by_id INTEGER, 
	tags VARCHAR(500) NOT NULL, 
	notes TEXT NOT NULL, 
	stage VARCHAR(20) NOT NULL, 
	stage_changed_at VARCHAR(19) NOT NULL, 
	on_board BOOLEAN NOT NULL, 
	archived_at VARCHAR(19), 
	archive_reason VARCHAR(40) NOT NULL, 
	checkin_weeks INTEGER, 
	last_touch_at VARCHAR(19), 
	connected_on VARCHAR(10), 
	created_at VARCHAR(19) NOT NULL, 
	updated_at VARCHAR(19) NOT NULL, 
	deleted_at VARCHAR(19), 
	PRIMARY KEY (id), 
	FOREIGN KEY(organisation_id) REFERENCES organisations (id) ON DELETE SET NULL, 
	FOREIGN KEY(referred_by_id) REFERENCES contacts (id) ON DELETE SET NULL
);
CREATE TABLE events (
	id SERIAL NOT NULL, 
	contact_id INTEGER, 
	at VARCHAR(19) NOT NULL, 
	kind VARCHAR(30) NOT NULL, 
	summary TEXT NOT NULL, 
	payload TEXT NOT NULL, 
	undone_at VARCHAR(19), 
	PRIMARY KEY (id), 
	FOREIGN KEY(contact_id) REFERENCES contacts (id) ON DELETE CASCADE
);
CREATE TABLE meetings (
	id SERIAL NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	contact_id INTEGER NOT NULL, 
	scheduled_at VARCHAR(19), 
	promised_minutes INTEGER NOT NULL, 
	location VARCHAR(500) NOT NULL, 
	agenda TEXT NOT NULL, 
	state VARCHAR(12) NOT NULL, 
	lead_minutes FLOAT NOT NULL, 
	started_at VARCHAR(19), 
	paused_at VARCHAR(19), 
	paused_seconds FLOAT NOT NULL, 
	extra_minutes INTEGER NOT NULL, 
	ended_at VARCHAR(19), 
	duration_seconds INTEGER, 
	overtime_seconds INTEGER, 
	ended_on_time BOOLEAN, 
	notes TEXT NOT NULL, 
	notes_saved_at VARCHAR(19), 
	talk_speaker VARCHAR(4), 
	talk_since VARCHAR(19), 
	talk_me_seconds FLOAT NOT NULL, 
	talk_them_seconds FLOAT NOT NULL, 
	checklist TEXT NOT NULL, 
	created_at VARCHAR(19) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(contact_id) REFERENCES contacts (id) ON DELETE CASCADE
);
CREATE TABLE followups (
	id SERIAL NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	contact_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	due_at VARCHAR(19) NOT NULL, 
	snoozed_until VARCHAR(19), 
	state VARCHAR(12) NOT NULL, 
	reason TEXT NOT NULL, 
	meeting_id INTEGER, 
	about_contact_id INTEGER, 
	note TEXT NOT NULL, 
	created_at VARCHAR(19) NOT NULL, 
	closed_at VARCHAR(19), 
	PRIMARY KEY (id), 
	FOREIGN KEY(contact_id) REFERENCES contacts (id) ON DELETE CASCADE, 
	FOREIGN KEY(meeting_id) REFERENCES meetings (id) ON DELETE SET NULL, 
	FOREIGN KEY(about_contact_id) REFERENCES contacts (id) ON DELETE SET NULL
);
CREATE TABLE meeting_questions (
	meeting_id INTEGER NOT NULL, 
	question_id INTEGER NOT NULL, 
	asked_at VARCHAR(19), 
	PRIMARY KEY (meeting_id, question_id), 
	FOREIGN KEY(meeting_id) REFERENCES meetings (id) ON DELETE CASCADE, 
	FOREIGN KEY(question_id) REFERENCES questions (id) ON DELETE CASCADE
);
CREATE INDEX ix_contacts_board ON contacts (stage, stage_changed_at);
CREATE INDEX ix_contacts_counts ON contacts (stage, on_board, deleted_at, archived_at);
CREATE INDEX ix_contacts_email ON contacts (email);
CREATE INDEX ix_contacts_linkedin ON contacts (linkedin_url);
CREATE INDEX ix_contacts_organisation_id ON contacts (organisation_id);
CREATE INDEX ix_contacts_referred_by_id ON contacts (referred_by_id);
CREATE INDEX ix_events_contact ON events (contact_id, at);
CREATE INDEX ix_followups_contact ON followups (contact_id, state);
CREATE INDEX ix_followups_due ON followups (state, due_at);
CREATE INDEX ix_meetings_contact_id ON meetings (contact_id);
CREATE UNIQUE INDEX ux_followups_obligation ON followups (contact_id, kind, (CASE kind WHEN 'prepare' THEN COALESCE(meeting_id, 0) WHEN 'report-back' THEN COALESCE(about_contact_id, 0) ELSE 0 END)) WHERE state = 'open' AND kind <> 'custom';
CREATE TABLE IF NOT EXISTS infoterm_changes (id INTEGER PRIMARY KEY CHECK (id = 1), counter BIGINT NOT NULL);
INSERT INTO infoterm_changes VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION infoterm_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('infoterm.bumped', true) IS DISTINCT FROM '1' THEN
    PERFORM set_config('infoterm.bumped', '1', true);
    UPDATE infoterm_changes SET counter = counter + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS infoterm_bump ON landings;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON landings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON organisations;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON organisations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON questions;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON questions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON contacts;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON contacts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON events;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON meetings;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON meetings DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON followups;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON followups DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
DROP TRIGGER IF EXISTS infoterm_bump ON meeting_questions;
CREATE CONSTRAINT TRIGGER infoterm_bump AFTER INSERT OR UPDATE OR DELETE ON meeting_questions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION infoterm_bump();
