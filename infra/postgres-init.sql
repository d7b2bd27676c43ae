create database lantern_checkin owner lantern;
create database lantern_notifier owner lantern;
