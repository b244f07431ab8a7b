-- The difference payment of an exchange is an aggregate of its own (issue 15): its own optimistic lock, which
-- catches the channel's payment racing the close of the 48 h window.
ALTER TABLE case_difference_payment ADD COLUMN version INT NOT NULL DEFAULT 0;
