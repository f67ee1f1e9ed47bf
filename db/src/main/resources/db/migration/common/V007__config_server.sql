-- The config server. Each setting is declared with a schema; its values form an event stream
-- ('config:<key>') whose latest state is kept here, written in the same transaction as the event.
create table config_key (
    name           varchar(150)  not null primary key,
    type           varchar(20)   not null,
    minimum        decimal(38, 9),
    maximum        decimal(38, 9),
    allowed_values varchar(4000),
    default_value  varchar(4000),
    description    varchar(1000) not null,
    built_in       boolean       not null,
    declared_by    varchar(200)  not null,
    declared_at    timestamp with time zone not null default current_timestamp,
    constraint config_key_type check (type in ('STRING', 'INTEGER', 'DECIMAL', 'BOOLEAN', 'DURATION'))
);

create table config_entry (
    name       varchar(150)  not null primary key references config_key (name),
    value_text varchar(4000),
    version    bigint        not null,
    changed_by varchar(200)  not null,
    changed_at timestamp with time zone not null
);
