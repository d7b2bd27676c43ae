-- A secret every instance shares, made once: the check-in page's form tokens are signed with it, so a page
-- opened on one instance hours ago posts to any instance, with no session.
create table web_secret (
    name    text primary key,
    secret  bytea not null
);
