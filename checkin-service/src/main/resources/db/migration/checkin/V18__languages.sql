-- The language people are written to in (a BCP 47 tag such as en or es): the programme's by default, a client's
-- own or a contact's own when set.
alter table programme add column language text not null default 'en';
alter table client add column language text;
alter table support_contact add column language text;
