-- Settings may hold URLs (webhooks): checked as absolute http(s) URLs, or empty for "none".
alter table config_key drop constraint config_key_type;
alter table config_key add constraint config_key_type
    check (type in ('STRING', 'INTEGER', 'DECIMAL', 'BOOLEAN', 'DURATION', 'URL'));
