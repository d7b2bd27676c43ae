-- A programme's own policy, beside its escalation timeouts: crisis words it adds in each language (to the
-- deployment's, never fewer), the name and number its HELP reply and crisis replies give (null: the deployment's),
-- and the quiet hours a contact without their own keeps (null: none). Each change of policy is kept whole, as a
-- numbered version: who changed it, when, and what it was then.
alter table programme add column crisis_words jsonb not null default '{}';
alter table programme add column sms_name text;
alter table programme add column sms_phone text;
alter table programme add column quiet_start time;
alter table programme add column quiet_end time;

create table programme_policy_version (
    programme_id text        not null references programme (id),
    version      int         not null,
    changed_at   timestamptz not null,
    changed_by   text        not null,
    policy       jsonb       not null,
    primary key (programme_id, version)
);
