"""Error signatures on log excerpts as troubleshooting posts paste them: each excerpt's
errors, each once, with what varies between occurrences (time, threads, ids, numbers, hosts,
paths) replaced, so the same error seen twice is one entry."""
from __future__ import annotations

import pytest

from blogtool.search.signatures import ErrorEntry, normalize, scan_text

E = ErrorEntry

CASES: list[tuple[str, str, list[ErrorEntry]]] = [
    ("hdfs-safemode", """\
2014-10-18 10:01:02,123 ERROR org.apache.hadoop.hdfs.server.namenode.NameNode: Failed to start namenode.
org.apache.hadoop.hdfs.server.namenode.SafeModeException: Cannot create directory /user/hive/tmp. Name node is in safe mode.
The reported blocks 0 needs additional 12 blocks to reach the threshold 0.9990 of total blocks 12.
\tat org.apache.hadoop.hdfs.server.namenode.FSNamesystem.checkNameNodeSafeMode(FSNamesystem.java:1327)
\tat org.apache.hadoop.hdfs.server.namenode.FSNamesystem.mkdirsInt(FSNamesystem.java:3893)
""", [E("org.apache.hadoop.hdfs.server.namenode.SafeModeException",
        "Cannot create directory <path>. Name node is in safe mode.", "Failed to start namenode.")]),
    ("hdfs-safemode-twice", """\
2014-10-18 10:01:02,123 ERROR [IPC Server handler 5 on 8020] org.apache.hadoop.security.UserGroupInformation: PriviledgedActionException as:hdfs (auth:SIMPLE) cause:org.apache.hadoop.hdfs.server.namenode.SafeModeException: Cannot create file /tmp/a.txt. Name node is in safe mode.
2014-10-18 10:05:44,987 ERROR [IPC Server handler 9 on 8020] org.apache.hadoop.security.UserGroupInformation: PriviledgedActionException as:hive (auth:SIMPLE) cause:org.apache.hadoop.hdfs.server.namenode.SafeModeException: Cannot create file /user/hive/b.orc. Name node is in safe mode.
""", [E("org.apache.hadoop.hdfs.server.namenode.SafeModeException",
        "Cannot create file <path>. Name node is in safe mode.",
        "PriviledgedActionException as:hdfs (auth:SIMPLE) cause")]),
    ("hdfs-datanode-bind", """\
2015-03-02 08:00:01,000 FATAL org.apache.hadoop.hdfs.server.datanode.DataNode: Exception in secureMain
java.net.BindException: Problem binding to [0.0.0.0:50010] java.net.BindException: Address already in use; For more details see:  http://wiki.apache.org/hadoop/BindException
\tat org.apache.hadoop.net.NetUtils.wrapException(NetUtils.java:719)
Caused by: java.net.BindException: Address already in use
\tat sun.nio.ch.Net.bind0(Native Method)
\t... 12 more
""", [E("java.net.BindException",
        "Problem binding to [<ip>] java.net.BindException: Address already in use; For more details see: <url>",
        "Exception in secureMain"),
      E("java.net.BindException", "Address already in use")]),
    ("hdfs-block-missing", """\
2016-07-01 12:00:00,001 WARN org.apache.hadoop.hdfs.DFSClient: Could not obtain block: BP-929597290-192.168.1.10-1405923040398:blk_1073741825_1001 file=/user/data/part-00000
org.apache.hadoop.hdfs.BlockMissingException: Could not obtain block: BP-929597290-192.168.1.10-1405923040398:blk_1073741825_1001 file=/user/data/part-00000
\tat org.apache.hadoop.hdfs.DFSInputStream.chooseDataNode(DFSInputStream.java:888)
""", [E("org.apache.hadoop.hdfs.BlockMissingException",
        "Could not obtain block: <id>:<id> file=<path>")]),
    ("yarn-container-killed", """\
2017-05-05 10:10:10,100 ERROR [ContainersLauncher #2] org.apache.hadoop.yarn.server.nodemanager.containermanager.launcher.ContainerLaunch: Container container_e01_1494000000000_0001_01_000002 is running beyond physical memory limits.
2017-05-05 10:12:11,300 ERROR [ContainersLauncher #5] org.apache.hadoop.yarn.server.nodemanager.containermanager.launcher.ContainerLaunch: Container container_e01_1494000000000_0007_01_000004 is running beyond physical memory limits.
""", [E("", "Container <id> is running beyond physical memory limits.")]),
    ("yarn-warn-with-exception", """\
2016-08-02 03:15:19,882 WARN [main] org.apache.hadoop.mapred.YarnChild: Exception running child : java.lang.OutOfMemoryError: Direct buffer memory
    at java.nio.Bits.reserveMemory(Bits.java:693)
    at java.nio.DirectByteBuffer.<init>(DirectByteBuffer.java:123)
    ... 8 more
16/08/02 03:15:21 INFO mapreduce.Job: Task Id : attempt_1470101234567_0042_m_000007_0, Status : FAILED
""", [E("java.lang.OutOfMemoryError", "Direct buffer memory", "Exception running child")]),
    ("hbase-regionserver-zk", """\
2018-01-09 03:04:05,678 ERROR [main] regionserver.HRegionServerCommandLine: Region server exiting
java.lang.RuntimeException: HRegionServer Aborted
\tat org.apache.hadoop.hbase.regionserver.HRegionServerCommandLine.start(HRegionServerCommandLine.java:68)
""", [E("java.lang.RuntimeException", "HRegionServer Aborted", "Region server exiting")]),
    ("hbase-not-serving", """\
org.apache.hadoop.hbase.NotServingRegionException: org.apache.hadoop.hbase.NotServingRegionException: Region users,,1518000000000.4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d. is not online on rs1.example.com,16020,1518000000001
\tat org.apache.hadoop.hbase.regionserver.HRegionServer.getRegionByEncodedName(HRegionServer.java:3008)
""", [E("org.apache.hadoop.hbase.NotServingRegionException",
        "org.apache.hadoop.hbase.NotServingRegionException: Region users,,<n>.<hex>. is not online on rs1.example.com,<n>")]),
    ("hbase-master-fatal", """\
2018-02-02 02:02:02,202 FATAL [master/hmaster1:16000] master.HMaster: Failed to become active master
org.apache.hadoop.hbase.util.FileSystemVersionException: HBase file layout needs to be upgraded. You have version null and I want version 8.
""", [E("org.apache.hadoop.hbase.util.FileSystemVersionException",
        "HBase file layout needs to be upgraded. You have version null and I want version <n>.",
        "Failed to become active master")]),
    ("kafka-commit-failed", """\
[2019-04-01 10:00:00,000] ERROR [Consumer clientId=consumer-1, groupId=orders] Offset commit failed on partition orders-3 at offset 1234: The coordinator is not aware of this member. (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)
org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member.
\tat org.apache.kafka.clients.consumer.internals.ConsumerCoordinator.sendOffsetCommitRequest(ConsumerCoordinator.java:820)
""", [E("org.apache.kafka.clients.consumer.CommitFailedException",
        "Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member.",
        "Offset commit failed on partition <id> at offset <n>: The coordinator is not aware of this member.")]),
    ("kafka-replica-fetcher", """\
[2019-05-01 10:00:00,000] ERROR [ReplicaFetcher replicaId=1, leaderId=2, fetcherId=0] Error for partition events-0 at offset 1000 (kafka.server.ReplicaFetcherThread)
[2019-05-01 10:00:03,512] ERROR [ReplicaFetcher replicaId=1, leaderId=3, fetcherId=1] Error for partition events-7 at offset 99817 (kafka.server.ReplicaFetcherThread)
""", [E("", "Error for partition <id> at offset <n>")]),
    ("kafka-producer-timeout", """\
2019-06-01 11:11:11.111 ERROR 4242 --- [ad | producer-1] o.s.k.support.LoggingProducerListener    : Exception thrown when sending a message with key='null' and payload='{"id":42}' to topic orders:
org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for orders-0: 30035 ms has passed since batch creation plus linger time
""", [E("org.apache.kafka.common.errors.TimeoutException",
        "Expiring <n> record(s) for <id>: <n> ms has passed since batch creation plus linger time",
        "Exception thrown when sending a message with key='…' and payload='…' to topic orders")]),
    ("kafka-broker-fatal", """\
[2020-01-01 00:00:00,000] FATAL [KafkaServer id=0] Fatal error during KafkaServer startup. Prepare to shutdown (kafka.server.KafkaServer)
kafka.common.InconsistentClusterIdException: The Cluster ID kF7cLx0pQWa8u2Q0sD3xYw doesn't match stored clusterId Some(3vTz9cE1Qz2nXlA8xkP0gQ) in meta.properties.
""", [E("kafka.common.InconsistentClusterIdException",
        "The Cluster ID <id> doesn't match stored clusterId Some(<id>) in meta.properties.",
        "Fatal error during KafkaServer startup. Prepare to shutdown")]),
    ("kafka-leader-not-available", """\
[2020-02-02 10:00:00,123] WARN [Producer clientId=producer-1] Error while fetching metadata with correlation id 7 : {test=LEADER_NOT_AVAILABLE} (org.apache.kafka.clients.NetworkClient)
""", []),
    ("zookeeper-quorum", """\
2020-03-03 03:03:03,303 [myid:1] - ERROR [QuorumPeer[myid=1](plain=0.0.0.0:2181)(secure=disabled):QuorumPeer@1148] - Unexpected exception causing shutdown while sock still open
java.io.EOFException
\tat java.io.DataInputStream.readInt(DataInputStream.java:392)
""", [E("java.io.EOFException", "", "Unexpected exception causing shutdown while sock still open")]),
    ("zookeeper-client-session", """\
2020-03-04 04:04:04,404 [myid:] - WARN  [main-SendThread(zk1.example.com:2181):ClientCnxn$SendThread@1190] - Session 0x16c8e5f3a0b0001 for server zk1.example.com/10.0.0.11:2181, unexpected error, closing socket connection and attempting reconnect
java.io.IOException: Connection reset by peer
\tat sun.nio.ch.FileDispatcherImpl.read0(Native Method)
""", [E("java.io.IOException", "Connection reset by peer")]),
    ("zookeeper-connection-loss", """\
org.apache.zookeeper.KeeperException$ConnectionLossException: KeeperErrorCode = ConnectionLoss for /hbase/meta-region-server
\tat org.apache.zookeeper.KeeperException.create(KeeperException.java:102)
""", [E("org.apache.zookeeper.KeeperException$ConnectionLossException",
        "KeeperErrorCode = ConnectionLoss for <path>")]),
    ("zookeeper-snapshot", """\
2020-03-05 05:05:05,505 [myid:3] - ERROR [main:QuorumPeer@453] - Unable to load database on disk
2020-03-05 05:05:05,506 [myid:3] - ERROR [main:QuorumPeerMain@89] - Unexpected exception, exiting abnormally
java.lang.RuntimeException: Unable to run quorum server
""", [E("", "Unable to load database on disk"),
      E("java.lang.RuntimeException", "Unable to run quorum server",
        "Unexpected exception, exiting abnormally")]),
    ("spring-app-failed", """\
2021-01-01 12:00:00.123 ERROR 12345 --- [           main] o.s.boot.SpringApplication               : Application run failed

org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource' defined in class path resource [org/springframework/boot/autoconfigure/jdbc/DataSourceConfiguration$Hikari.class]: Bean instantiation via factory method failed
\tat org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:658)
Caused by: org.springframework.beans.BeanInstantiationException: Failed to instantiate [com.zaxxer.hikari.HikariDataSource]: Factory method 'dataSource' threw exception; nested exception is java.lang.IllegalStateException: Cannot load driver class: com.mysql.jdbc.Driver
\t... 20 common frames omitted
""", [E("org.springframework.beans.factory.BeanCreationException",
        "Error creating bean with name '…' defined in class path resource [<path>]: Bean instantiation via factory method failed",
        "Application run failed"),
      E("org.springframework.beans.BeanInstantiationException",
        "Failed to instantiate [com.zaxxer.hikari.HikariDataSource]: Factory method '…' threw exception; nested exception is java.lang.IllegalStateException: Cannot load driver class: com.mysql.jdbc.Driver")]),
    ("spring-port-in-use", """\
2021-02-02 09:30:00.000 ERROR 777 --- [           main] o.s.boot.SpringApplication               : Application run failed
org.springframework.boot.web.server.PortInUseException: Port 8080 is already in use
\tat org.springframework.boot.web.embedded.tomcat.TomcatWebServer.start(TomcatWebServer.java:214)
""", [E("org.springframework.boot.web.server.PortInUseException", "Port <n> is already in use",
        "Application run failed")]),
    ("spring-logback", """\
10:15:30.123 [http-nio-8080-exec-3] ERROR o.a.c.c.C.[.[.[/].[dispatcherServlet] - Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.NullPointerException] with root cause
java.lang.NullPointerException: null
\tat com.example.demo.OrderController.create(OrderController.java:42)
10:16:02.456 [http-nio-8080-exec-7] ERROR o.a.c.c.C.[.[.[/].[dispatcherServlet] - Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.NullPointerException] with root cause
java.lang.NullPointerException: null
\tat com.example.demo.OrderController.create(OrderController.java:42)
""", [E("java.lang.NullPointerException", "null",
        "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is java.lang.NullPointerException] with root cause")]),
    ("spring-data-access", """\
2021-03-03 14:00:00.000 ERROR 999 --- [nio-8080-exec-1] o.h.engine.jdbc.spi.SqlExceptionHelper   : Table 'shop.orders' doesn't exist
2021-03-03 14:00:07.000 ERROR 999 --- [nio-8080-exec-4] o.h.engine.jdbc.spi.SqlExceptionHelper   : Table 'shop.users' doesn't exist
""", [E("", "Table '…' doesn't exist")]),
    ("tomcat-severe-deploy", """\
18-Oct-2014 10:20:30.456 SEVERE [localhost-startStop-1] org.apache.catalina.startup.HostConfig.deployWAR Error deploying web application archive [/opt/tomcat/webapps/app.war]
 java.lang.IllegalStateException: ContainerBase.addChild: start: org.apache.catalina.LifecycleException: Failed to start component [StandardEngine[Catalina].StandardHost[localhost].StandardContext[/app]]
""", [E("java.lang.IllegalStateException",
        "ContainerBase.addChild: start: org.apache.catalina.LifecycleException: Failed to start component [StandardEngine[Catalina].StandardHost[localhost].StandardContext[<path>]]",
        "Error deploying web application archive [<path>]")]),
    ("tomcat-jul-two-lines", """\
Oct 18, 2014 10:20:30 AM org.apache.catalina.core.StandardContext listenerStart
SEVERE: Exception sending context initialized event to listener instance of class org.springframework.web.context.ContextLoaderListener
java.lang.ClassNotFoundException: org.springframework.web.context.ContextLoaderListener
\tat org.apache.catalina.loader.WebappClassLoader.loadClass(WebappClassLoader.java:1714)
""", [E("java.lang.ClassNotFoundException",
        "org.springframework.web.context.ContextLoaderListener",
        "Exception sending context initialized event to listener instance of class org.springframework.web.context.ContextLoaderListener")]),
    ("tomcat-listeners", """\
18-Oct-2014 10:20:31.000 SEVERE [main] org.apache.catalina.core.StandardContext.startInternal One or more listeners failed to start. Full details will be found in the appropriate container log file
18-Oct-2014 10:20:31.002 SEVERE [main] org.apache.catalina.core.StandardContext.startInternal Context [/shop] startup failed due to previous errors
""", [E("", "One or more listeners failed to start. Full details will be found in the appropriate container log file"),
      E("", "Context [<path>] startup failed due to previous errors")]),
    ("tomcat-oom-permgen", """\
Exception in thread "http-bio-8080-exec-12" java.lang.OutOfMemoryError: PermGen space
Exception in thread "http-bio-8080-exec-19" java.lang.OutOfMemoryError: PermGen space
""", [E("java.lang.OutOfMemoryError", "PermGen space")]),
    ("jvm-heap", """\
Exception in thread "main" java.lang.OutOfMemoryError: Java heap space
\tat java.util.Arrays.copyOf(Arrays.java:3332)
\tat java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:124)
""", [E("java.lang.OutOfMemoryError", "Java heap space")]),
    ("jvm-gc-overhead", """\
2015-06-18T10:00:00.000+0800: 1234.567: [Full GC (Ergonomics) [PSYoungGen: 1024K->0K(2048K)] [ParOldGen: 4000K->3999K(4096K)] 5024K->3999K(6144K), [Metaspace: 3000K->3000K(1056768K)], 1.2345678 secs]
java.lang.OutOfMemoryError: GC overhead limit exceeded
""", [E("java.lang.OutOfMemoryError", "GC overhead limit exceeded")]),
    ("jvm-npe-simple", """\
Exception in thread "main" java.lang.NullPointerException
\tat com.example.App.main(App.java:5)
""", [E("java.lang.NullPointerException", "")]),
    ("jvm-stackoverflow", """\
Exception in thread "worker-3" java.lang.StackOverflowError
\tat com.example.Tree.depth(Tree.java:17)
\tat com.example.Tree.depth(Tree.java:17)
""", [E("java.lang.StackOverflowError", "")]),
    ("jvm-class-cast", """\
java.lang.ClassCastException: class java.lang.String cannot be cast to class java.lang.Integer (java.lang.String and java.lang.Integer are in module java.base of loader 'bootstrap')
""", [E("java.lang.ClassCastException",
        "class java.lang.String cannot be cast to class java.lang.Integer (java.lang.String and java.lang.Integer are in module java.base of loader '…')")]),
    ("java-source-not-an-error", """\
try {
    consumer.commitSync();
} catch (CommitFailedException e) {
    throw new IllegalStateException("commit failed", e);
}
import java.io.IOException;
""", []),
    ("python-traceback", """\
Traceback (most recent call last):
  File "/srv/app/manage.py", line 22, in <module>
    main()
  File "/srv/app/app/db.py", line 71, in connect
    raise ConnectionError("database unreachable")
ConnectionError: database unreachable
""", [E("ConnectionError", "database unreachable")]),
    ("python-logging-traceback", """\
2022-01-01 09:00:00,001 - worker.tasks - ERROR - Task 8f14e45f-ceea-467f-a9f4-3b3d5c7d9e0a failed
Traceback (most recent call last):
  File "/srv/app/worker/tasks.py", line 40, in run
    value = int(row["qty"])
ValueError: invalid literal for int() with base 10: 'abc'
""", [E("ValueError", "invalid literal for int() with base <n>: '…'", "Task <id> failed")]),
    ("python-basicconfig", """\
ERROR:root:Could not open /var/lib/app/state.json
ERROR:root:Could not open /var/lib/app/other.json
""", [E("", "Could not open <path>")]),
    ("python-requests", """\
requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /v1/items (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3a2c1d0e50>: Failed to establish a new connection: [Errno 111] Connection refused'))
""", [E("requests.exceptions.ConnectionError",
        "HTTPSConnectionPool(host='…', port=<n>): Max retries exceeded with url: <path> (Caused by NewConnectionError('…'))")]),
    ("python-keyerror", """\
Traceback (most recent call last):
  File "report.py", line 9, in <module>
    print(totals["2022-01"])
KeyError: '2022-01'
""", [E("KeyError", "'…'")]),
    ("python-django-critical", """\
[2022-02-02 10:10:10,000] CRITICAL django.request: Internal Server Error: /orders/17/
""", [E("", "Internal Server Error: <path>")]),
    ("nginx-upstream-refused", """\
2023/01/01 10:00:00 [error] 1234#1234: *5 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: example.com, request: "GET /api HTTP/1.1", upstream: "http://127.0.0.1:8080/api", host: "example.com"
2023/01/01 10:00:05 [error] 1234#1234: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.2, server: example.com, request: "POST /login HTTP/1.1", upstream: "http://127.0.0.1:8080/login", host: "example.com"
""", [E("", "connect() failed (<n>: Connection refused) while connecting to upstream")]),
    ("nginx-crit-open", """\
2023/02/02 11:00:00 [crit] 812#812: *1 open() "/var/www/html/index.html" failed (13: Permission denied), client: 192.168.0.5, server: _, request: "GET / HTTP/1.1", host: "192.168.0.2"
""", [E("", 'open() "…" failed (<n>: Permission denied)')]),
    ("nginx-emerg-bind", """\
nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)
""", [E("", "bind() to <ip> failed (<n>: Address already in use)")]),
    ("nginx-warn-only", """\
2023/02/03 11:00:00 [warn] 812#812: *3 an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/0000000001 while reading upstream
""", []),
    ("syslog-oom-killer", """\
Jan 12 03:14:15 web1 kernel: [12345.678901] Out of memory: Kill process 4321 (java) score 901 or sacrifice child
""", []),
    ("go-logfmt", """\
time="2023-03-03T10:00:00Z" level=error msg="failed to pull image nginx:1.25: rpc error: code = Unknown" container=web
time="2023-03-03T10:00:09Z" level=error msg="failed to pull image nginx:1.25: rpc error: code = Unknown" container=api
""", [E("", "failed to pull image nginx:<n>: rpc error: code = Unknown")]),
    ("prose-level-word", """\
The job finished with ERROR 3 but the INFO lines were fine.
""", []),
    ("maven-error", """\
[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project shop: Compilation failure
[ERROR] /home/ci/shop/src/main/java/com/example/Shop.java:[12,8] cannot find symbol
""", [E("", "Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:<n>:compile (default-compile) on project shop: Compilation failure"),
      E("", "<path>:[<n>] cannot find symbol")]),
    ("hive-execution", """\
FAILED: Execution Error, return code 2 from org.apache.hadoop.hive.ql.exec.mr.MapRedTask
2016-09-09 09:09:09,999 ERROR [main] exec.Task (SessionState.java:printError(1097)) - Job Submission failed with exception 'java.io.IOException(Cannot initialize Cluster. Please check your configuration for mapreduce.framework.name and the correspond server addresses.)'
""", [E("", "Job Submission failed with exception '…'")]),
    ("es-cluster-block", """\
[2023-04-04T08:00:00,000][ERROR][o.e.b.ElasticsearchUncaughtExceptionHandler] [node-1] uncaught exception in thread [main]
org.elasticsearch.bootstrap.StartupException: java.lang.IllegalArgumentException: unknown setting [xpack.security.enabledd] please check that any required plugins are installed
""", [E("org.elasticsearch.bootstrap.StartupException",
        "java.lang.IllegalArgumentException: unknown setting [xpack.security.enabledd] please check that any required plugins are installed",
        "uncaught exception in thread [main]")]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_signatures(name: str, text: str, expected: list[ErrorEntry]) -> None:
    assert scan_text(text) == expected


def test_enough_excerpts() -> None:
    assert len(CASES) >= 40
    assert sum(1 for _, _, expected in CASES if expected) >= 35


def test_the_same_error_on_another_day_is_the_same_entry() -> None:
    a = scan_text("2014-10-18 10:01:02,123 ERROR [pool-1-thread-3] org.x.Y: Lost 17 blocks "
                  "on dn3.example.com:50010 (0x7f3a2c1d)")
    b = scan_text("2019-01-02 23:59:59,999 ERROR [pool-9-thread-12] org.x.Y: Lost 2 blocks "
                  "on dn1.example.com:50010 (0x0000beef)")
    assert a == b == [E("", "Lost <n> blocks on <host> (<hex>)")]


def test_normalize_keeps_words_with_digits_inside() -> None:
    assert normalize("log4j config for IPv4 and utf8") == "log4j config for IPv4 and utf8"


def test_long_messages_are_cut() -> None:
    text = normalize("word " * 100)
    assert len(text) == 200 and text.endswith("…")
