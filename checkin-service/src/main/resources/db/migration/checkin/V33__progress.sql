-- What the client's own progress page counts: whether they want counting at all (their streak, their milestones),
-- and which days in a row they choose to mark.
alter table client add column progress_counting boolean not null default true;
alter table client add column milestones int[] not null default '{30,90}';
