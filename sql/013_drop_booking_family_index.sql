-- ix_booking_family (commune, family) is the first two columns of ix_booking_family_day
-- (commune, family, day; sql/009_booking_day.sql), which serves every statement it served.
-- Dropped: one index fewer to write at every booking (the opening rush writes thousands),
-- and one fewer for MariaDB to weigh at every execution of a family's month (about 25 µs of
-- its planning per statement, ANALYZE on the bench's 10,000 families). A metadata change in
-- InnoDB, instant; a previous release's workers name no index. Rerunnable (IF EXISTS).
ALTER TABLE booking DROP INDEX IF EXISTS ix_booking_family;
