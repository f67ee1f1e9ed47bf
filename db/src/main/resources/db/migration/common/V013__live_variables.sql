-- Live variables: a named, typed, bounded variable with a current value cluster-wide. Every change is an
-- event in stream 'variable:<name>' (its history), written in the same transaction as this row; each node
-- keeps a copy fed by a subscription and tells local subscribers.
create table live_variable (
    name       varchar(100)    not null primary key,
    definition varchar(100000) not null,
    value_json varchar(100000) not null,
    version    bigint          not null,
    changed_by varchar(200)    not null,
    changed_at timestamp with time zone not null
);

-- Which variables of a study stand for live variables or platform settings, so its best values can be applied.
alter table optimization_study add column bindings varchar(100000) not null default '{}';
