-- Retention of old events by policy. A policy names a stream prefix, an age (ISO-8601) and what happens to events
-- older than that: 'archive' moves them to event_archive, 'delete' drops them. Either way the job records
-- what it did as an event, in the same transaction.
create table event_retention_policy (
    stream_prefix varchar(200) not null primary key,
    max_age       varchar(40)  not null,
    action        varchar(10)  not null,
    created_by    varchar(200) not null,
    created_at    timestamp with time zone not null default now(),
    constraint event_retention_action check (action in ('archive', 'delete'))
);

create table event_archive (
    position       bigint       not null primary key,
    transaction_id xid8         not null,
    stream         varchar(200) not null,
    version        bigint       not null,
    event_id       uuid         not null,
    type           varchar(200) not null,
    payload        jsonb        not null,
    metadata       jsonb        not null,
    vector_clock   jsonb        not null,
    recorded_at    timestamp with time zone not null,
    correlation_id varchar(200),
    archived_at    timestamp with time zone not null default now()
);
create index event_archive_stream on event_archive (stream, version);
