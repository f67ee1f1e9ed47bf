-- Datasets: the CSV as uploaded (or bundled), its SHA-256 (what a model's lineage names) and inferred schema.
create table dataset (
    name         varchar(200) primary key,
    sha256       char(64)     not null,
    content      bytea        not null,
    bytes        bigint       not null,
    rows_count   integer      not null,
    schema_json  text         not null,
    bundled      boolean      default false not null,
    created_by   varchar(200) not null,
    created_at   timestamp with time zone not null
);

-- What a study's trials train on (the objective "network"): the resolved setup and the data's hash.
create table study_training (
    study_id        bigint primary key references optimization_study (id) on delete cascade,
    dataset         varchar(200) not null,
    setup_json      text     not null,
    dataset_sha256  char(64) not null
);

-- Trained networks worth keeping (each better than the study's best before it), with their lineage and the
-- preprocessing that encodes rows for them.
create table trained_model (
    id                  varchar(36)  primary key,
    study               varchar(200) not null,
    trial               bigint       not null,
    dataset             varchar(200) not null,
    dataset_sha256      char(64)     not null,
    setup_json          text         not null,
    parameters_json     text         not null,
    metrics_json        text         not null,
    preprocessing_json  text         not null,
    metric              varchar(20)  not null,
    validation_score    double precision not null,
    network             bytea        not null,
    network_bytes       integer      not null,
    created_at          timestamp with time zone not null,
    unique (study, trial)
);
create index trained_model_by_study on trained_model (study, created_at);

-- Executions of the study optimization job and the node process that runs each: an execution whose process is
-- gone (its node crashed) can be told from one still running, and restarted from its checkpoint.
create table optimization_run (
    execution_id  bigint       primary key,
    instance_id   bigint       not null,
    study         varchar(200) not null,
    node          varchar(200) not null,
    member_id     varchar(100) not null,
    process_id    varchar(100) not null,
    started_at    timestamp with time zone not null,
    ended_at      timestamp with time zone
);
create index optimization_run_by_study on optimization_run (study, started_at);

-- A study's schedule: a cron expression (UTC) at which the cluster's study-scheduler leader starts a run of
-- the study's optimization job with this many more trials.
create table study_schedule (
    study_id        bigint       primary key references optimization_study (id) on delete cascade,
    study           varchar(200) not null,
    cron            varchar(200) not null,
    trials          integer      not null,
    parallelism     integer      not null,
    objective       varchar(50)  not null,
    trial_timeout   varchar(50)  not null,
    version         bigint       not null,
    last_fired_at   timestamp with time zone,
    last_execution  bigint,
    created_by      varchar(200) not null,
    created_at      timestamp with time zone not null
);
