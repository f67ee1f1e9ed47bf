-- Agents started through the platform: their spec (type, configuration, supervision, mailbox), whether it
-- should run (desired RUNNING, or STOPPED once stopped or given up), the node that runs the live incarnation and
-- that incarnation's number (the fence: a node runs an agent only while this row names it with its
-- incarnation), and the state last reported. Lifecycle transitions are events in stream
-- 'agent:<id>'.
create table agent (
    id           varchar(200)    not null primary key,
    agent_type   varchar(100)    not null,
    config       varchar(100000) not null,
    restart      varchar(20)     not null,
    mailbox      integer         not null,
    node         varchar(200)    not null,
    incarnation  bigint          not null,
    desired      varchar(20)     not null,
    state        varchar(20)     not null,
    reason       varchar(1000),
    created_by   varchar(200)    not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);

create index agent_node on agent (node);
