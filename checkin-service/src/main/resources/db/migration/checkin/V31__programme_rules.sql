-- A programme's own rules file (YAML, as the deployment's rules.yml), checked when it is saved; null: the
-- deployment's. Carried to the rules engine in every client's profile.
alter table programme add column rules text;
