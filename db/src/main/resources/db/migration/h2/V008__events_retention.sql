-- Retention of old events by policy (see the PostgreSQL migration of the same version).
create table event_retention_policy (
    stream_prefix varchar(200) not null primary key,
    max_age       varchar(40)  not null,
    action        varchar(10)  not null,
    created_by    varchar(200) not null,
    created_at    timestamp with time zone not null default current_timestamp,
    constraint event_retention_action check (action in ('archive', 'delete'))
);

create table event_archive (
    position       bigint       not null primary key,
    transaction_id bigint       not null,
    stream         varchar(200) not null,
    version        bigint       not null,
    event_id       uuid         not null,
    type           varchar(200) not null,
    payload        json         not null,
    metadata       json         not null,
    vector_clock   json         not null,
    recorded_at    timestamp with time zone not null,
    correlation_id varchar(200),
    archived_at    timestamp with time zone not null default current_timestamp
);
create index event_archive_stream on event_archive (stream, version);
