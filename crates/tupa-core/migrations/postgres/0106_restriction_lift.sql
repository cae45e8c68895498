-- Lifting a restriction (PostgreSQL): GDPR art. 18(3) has the controller tell the person before a
-- restriction is lifted, so a restriction request keeps when the notice went (and why), and
-- when the restriction was lifted. Kept in step with the other backend's 0106.
ALTER TABLE data_requests ADD COLUMN lift_noticed_at BIGINT;
ALTER TABLE data_requests ADD COLUMN lift_reason TEXT;
ALTER TABLE data_requests ADD COLUMN lifted_at BIGINT;
