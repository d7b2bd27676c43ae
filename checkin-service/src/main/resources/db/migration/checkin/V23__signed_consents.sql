-- A consent holds every element of 42 CFR 2.31, the client's signature and the date signed among them. A consent
-- is signed on paper (staff saw it, and record who and when) or by the client on their own page (the name they
-- typed, and the page's proof); one not yet signed discloses nothing. Every consent recorded before this was
-- recorded by staff, as a paper one is.
alter table consent add column signed_at timestamptz;
alter table consent add column signed_by text check (signed_by in ('PAPER', 'CLIENT'));
alter table consent add column signature text;
alter table consent add column signature_proof text;
update consent set signed_at = given_at, signed_by = 'PAPER';
