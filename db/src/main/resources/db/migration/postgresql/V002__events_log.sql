-- The event store (PostgreSQL). One row per stream holds its version for optimistic concurrency; events
-- are append-only. Readers of the whole log order by (transaction_id, position) and read only below the
-- oldest transaction still in flight, so no reader ever passes an event that commits later: the order is
-- gap-free for readers while appenders to different streams never wait for each other.
create table event_stream (
    stream     varchar(200) not null primary key,
    version    bigint       not null,
    created_at timestamp with time zone not null default now()
);

create table event (
    position       bigint generated always as identity primary key,
    transaction_id xid8         not null default pg_current_xact_id(),
    stream         varchar(200) not null references event_stream (stream),
    version        bigint       not null,
    event_id       uuid         not null,
    type           varchar(200) not null,
    payload        jsonb        not null,
    metadata       jsonb        not null,
    vector_clock   jsonb        not null,
    recorded_at    timestamp with time zone not null default clock_timestamp(),
    constraint event_stream_version unique (stream, version),
    constraint event_id_unique unique (event_id)
);

create index event_global_order on event (transaction_id, position);
create index event_type on event (type, transaction_id, position);
create index event_recorded_at on event (recorded_at);
create index event_correlation on event ((metadata ->> 'correlationId'));
