-- Snapshots: a stream's state as of one version, so readers rebuild from there instead of from event 0.
create table event_snapshot (
    stream   varchar(200) not null references event_stream (stream),
    version  bigint       not null,
    state    jsonb        not null,
    taken_at timestamp with time zone not null default now(),
    primary key (stream, version)
);
