-- The topics an agent subscribes to, comma-separated (topic names have no commas): a message published to a
-- topic goes to every wanted agent subscribed to it, wherever it runs.
alter table agent add column topics varchar(4000) default '' not null;
