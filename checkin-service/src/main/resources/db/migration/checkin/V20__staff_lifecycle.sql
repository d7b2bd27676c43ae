-- A staff account an ADMIN can run: disabled (staff_user.enabled, there since V1), reset with a one-time password
-- that must be changed at the next sign-in, and changed by its owner.
alter table staff_user add column must_change_password boolean not null default false;
alter table staff_user add column password_changed_at timestamptz;
