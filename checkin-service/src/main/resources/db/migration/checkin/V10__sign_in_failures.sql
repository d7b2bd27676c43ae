-- Failed sign-ins by (staff user, address): five wrong passwords lock that pair only, so no one can lock another
-- person's account out from their own machine; the account itself locks only when failures come from several
-- addresses (a distributed guess). ADMINs unlock at POST /api/staff/{username}/unlock.
create table sign_in_failure (
    username      text        not null,
    address       text        not null,
    failures      int         not null,
    locked_until  timestamptz,
    last_at       timestamptz not null,
    primary key (username, address)
);
