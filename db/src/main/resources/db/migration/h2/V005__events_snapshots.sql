-- Snapshots: a stream's state as of one version, so readers rebuild from there instead of from event 0.
create table event_snapshot (
    stream   varchar(200) not null references event_stream (stream),
    version  bigint       not null,
    state    json         not null,
    taken_at timestamp with time zone not null default current_timestamp,
    primary key (stream, version)
);
