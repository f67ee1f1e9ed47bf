-- The event store (embedded H2, one node). Appends are serialised by a lock on event_log_head, so the
-- order of position is the commit order; transaction_id is always 0 and the reading code is the same as
-- on PostgreSQL.
create table event_stream (
    stream     varchar(200) not null primary key,
    version    bigint       not null,
    created_at timestamp with time zone not null default current_timestamp
);

create table event_log_head (
    id       int    not null primary key,
    position bigint not null
);
insert into event_log_head (id, position) values (1, 0);

create table event (
    position       bigint       not null primary key,
    transaction_id bigint       not null default 0,
    stream         varchar(200) not null references event_stream (stream),
    version        bigint       not null,
    event_id       uuid         not null,
    type           varchar(200) not null,
    payload        json         not null,
    metadata       json         not null,
    vector_clock   json         not null,
    recorded_at    timestamp with time zone not null default current_timestamp,
    constraint event_stream_version unique (stream, version),
    constraint event_id_unique unique (event_id)
);

create index event_global_order on event (transaction_id, position);
create index event_type on event (type, transaction_id, position);
create index event_recorded_at on event (recorded_at);
