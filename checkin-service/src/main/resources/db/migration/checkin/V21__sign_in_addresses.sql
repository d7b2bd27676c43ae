-- Wrong passwords by address alone, whatever the user name (an unknown name is counted here and nowhere else):
-- an address that keeps failing is refused before any password is hashed. Accounts are no longer locked as a
-- whole: a guess spread over many addresses is refused address by address, and the right password from a clean
-- address still signs in (an attacker cannot lock staff out).
create table sign_in_address (
    address        text        primary key,
    failures       int         not null,
    blocked_until  timestamptz,
    last_at        timestamptz not null
);
-- attempted names that are no staff user were kept before: no longer
delete from sign_in_failure f where not exists (select 1 from staff_user s where s.username = f.username);
