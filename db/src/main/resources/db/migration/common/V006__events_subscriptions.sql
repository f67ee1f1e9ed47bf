-- Durable subscriptions to the event log. Each row is one subscriber's checkpoint: the global position of
-- the last event it has handled. In-process handlers ('handler') advance it in the same transaction as
-- their own writes; REST clients ('client') acknowledge positions. A node-scoped handler has one row per
-- node (its name ends in '@<node>').
create table event_subscription (
    name                   varchar(200) not null primary key,
    kind                   varchar(20)  not null,
    event_type             varchar(200),
    stream_prefix          varchar(200),
    checkpoint_transaction bigint       not null,
    checkpoint_sequence    bigint       not null,
    delivered              bigint       not null default 0,
    last_error             varchar(2000),
    last_error_at          timestamp with time zone,
    created_at             timestamp with time zone not null default current_timestamp,
    updated_at             timestamp with time zone not null default current_timestamp,
    constraint event_subscription_kind check (kind in ('handler', 'client'))
);

-- A read model built by a subscription: how many events of each type the log holds.
create table event_type_count (
    type             varchar(200) not null primary key,
    events           bigint       not null,
    last_recorded_at timestamp with time zone not null
);
