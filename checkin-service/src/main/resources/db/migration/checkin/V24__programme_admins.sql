-- A programme's own administrator: between STAFF and ADMIN, managing the staff, rota and audit trail of the
-- programmes they work in (see StaffAuthority).
alter table staff_user drop constraint staff_user_role_check;
alter table staff_user add constraint staff_user_role_check check (role in ('STAFF', 'PROGRAMME_ADMIN', 'ADMIN'));
