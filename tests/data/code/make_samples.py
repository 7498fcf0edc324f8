"""Generate the labelled code-block set that language detection is measured on.

Run ``python tests/data/code/make_samples.py`` from the repository root; it rewrites
``tests/data/code/<kind>/NNN.txt`` and ``labels.json`` (kind -> expected language). The set
is deterministic (fixed seed) and was fixed before the detector was tuned: change the data,
not the detector's tests, when a case is wrong. Kinds are finer than labels (a Java stack
trace is labelled ``log``, like the logs it is pasted from) so that the benchmark can report
each kind.
"""
from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20141018

LABELS = {
    "java": "java", "log4j": "log", "logback": "log", "jul": "log", "pylog": "log",
    "syslog": "log", "gclog": "log", "stacktrace": "log", "xml": "xml", "console": "console",
    "bash": "bash", "properties": "properties", "ini": "ini", "pytb": "pytb", "json": "json",
    "sql": "sql", "text": "text", "python": "python", "pycon": "pycon", "yaml": "yaml",
    "javascript": "javascript", "typescript": "typescript", "go": "go", "c": "c", "cpp": "cpp",
    "scala": "scala", "dockerfile": "dockerfile", "nginx": "nginx",
}

PKGS = ["org.apache.flume.sink", "org.apache.hadoop.hdfs", "com.example.order",
        "org.springframework.web.servlet", "org.apache.kafka.clients.producer",
        "org.apache.zookeeper", "com.alibaba.druid.pool", "io.netty.channel",
        "org.apache.hbase.client", "cn.blog.demo.service"]
CLASSES = ["AbstractRpcSink", "DFSClient", "OrderService", "DispatcherServlet", "KafkaProducer",
           "ClientCnxn", "DruidDataSource", "NioEventLoop", "HConnectionManager", "UserServiceImpl",
           "SinkRunner", "DataNode", "RetryTemplate", "ChannelProcessor"]
METHODS = ["start", "process", "createConnection", "doDispatch", "send", "run", "getConnection",
           "select", "locateRegion", "findById", "append", "close", "init", "poll"]
THREADS = ["main", "lifecycleSupervisor-1-1", "SinkRunner-PollingRunner-DefaultSinkProcessor",
           "http-nio-8080-exec-3", "kafka-producer-network-thread | producer-1", "pool-2-thread-7",
           "DataXceiver for client /10.2.8.11:50010", "localhost-startStop-1"]
LEVELS = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR", "TRACE"]
MESSAGES = ["Rpc sink k1 started.", "Batch size string = 500", "Using default maxIOWorkers",
            "Connection refused: /10.2.8.11:1463", "Starting {}...", "Attempting to create Avro Rpc client.",
            "连接建立成功，开始发送数据", "Opening socket connection to server zk1/10.0.0.5:2181",
            "Session establishment complete on server zk1, sessionid = 0x14f2a3b4c5d0001",
            "Failed to send batch, will retry in 3000 ms", "写入 HDFS 失败，准备重试",
            "Created RpcClient: NettyAvroRpcClient { host: 10.2.8.11, port: 1463 }",
            "Initializing Spring DispatcherServlet 'dispatcherServlet'", "Completed initialization in 12 ms",
            "Slow query detected: 3012 ms", "Block report from DatanodeRegistration(10.0.0.7:50010)"]
EXCEPTIONS = ["java.lang.IllegalStateException", "java.io.IOException", "java.net.ConnectException",
              "java.lang.NullPointerException", "org.apache.flume.EventDeliveryException",
              "java.util.concurrent.TimeoutException", "java.sql.SQLException",
              "org.apache.kafka.common.errors.TimeoutException", "java.lang.OutOfMemoryError"]


def ts(r: random.Random, sep: str = " ", frac: str = ",") -> str:
    return (f"20{r.randint(12, 24):02d}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}{sep}"
            f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
            f"{frac}{r.randint(0, 999):03d}")


def logger(r: random.Random) -> str:
    return f"{r.choice(PKGS)}.{r.choice(CLASSES)}"


def frames(r: random.Random, n: int, indent: str = "\t") -> list[str]:
    out = []
    for _ in range(n):
        cls = r.choice(CLASSES)
        out.append(f"{indent}at {r.choice(PKGS)}.{cls}.{r.choice(METHODS)}({cls}.java:{r.randint(20, 900)})")
    return out


def stacktrace(r: random.Random) -> str:
    ex = r.choice(EXCEPTIONS)
    msg = r.choice(["No channel configured", "Connection reset by peer", "超时", "null",
                    "Java heap space", "Failed to update metadata after 60000 ms."])
    head = r.choice([f'Exception in thread "{r.choice(THREADS[:2])}" {ex}: {msg}', f"{ex}: {msg}", ex])
    lines = [head] + frames(r, r.randint(1, 12), r.choice(["\t", "    ", "  "]))
    if r.random() < 0.3:
        lines.append("\tat java.base/java.lang.Thread.run(Thread.java:834)")
    if r.random() < 0.5:
        lines.append(f"Caused by: {r.choice(EXCEPTIONS)}: {r.choice(['Broken pipe', '拒绝连接'])}")
        lines += frames(r, r.randint(1, 4))
        lines.append(f"\t... {r.randint(3, 40)} more")
    return "\n".join(lines)


def log4j(r: random.Random) -> str:
    n = r.choice([1, 2, 3, 5, 8, 15])
    style = r.randint(0, 2)
    lines = []
    for _ in range(n):
        lg, lv, th = logger(r), r.choice(LEVELS), r.choice(THREADS)
        cls, m = lg.rsplit(".", 1)[1], r.choice(METHODS)
        if style == 0:   # flume: date (thread) [LEVEL - logger.method(File.java:N)] msg
            lines.append(f"{ts(r)} ({th}) [{lv} - {lg}.{m}({cls}.java:{r.randint(10, 999)})] {r.choice(MESSAGES)}")
        elif style == 1:  # %d %-5p [%t] %c - %m
            lines.append(f"{ts(r)} {lv:<5} [{th}] {lg} - {r.choice(MESSAGES)}")
        else:            # %d{ABSOLUTE} %5p %c{1}:%L - %m
            lines.append(f"{ts(r)[11:]} {lv:>5} {cls}:{r.randint(10, 500)} - {r.choice(MESSAGES)}")
    if r.random() < 0.25:
        lines += stacktrace(r).splitlines()
    return "\n".join(lines)


def logback(r: random.Random) -> str:
    lines = []
    short = r.random() < 0.5
    for _ in range(r.choice([1, 2, 4, 6, 10])):
        lv, th = r.choice(LEVELS), r.choice(THREADS)
        lg = logger(r)
        if short:
            parts = lg.split(".")
            lg = ".".join(p[0] for p in parts[:-1]) + "." + parts[-1]
        stamp = ts(r, frac=".")[11:] if r.random() < 0.5 else ts(r, frac=".")
        lines.append(f"{stamp} [{th}] {lv:<5} {lg} - {r.choice(MESSAGES)}")
    if r.random() < 0.2:
        lines += stacktrace(r).splitlines()
    return "\n".join(lines)


def jul(r: random.Random) -> str:
    lines = []
    for _ in range(r.choice([1, 2, 3, 5])):
        if r.random() < 0.5:
            mon = r.choice(["Jan", "Mar", "Oct", "Dec"])
            lines.append(f"{mon} {r.randint(1, 28)}, 20{r.randint(10, 20)} {r.randint(1, 12)}:"
                         f"{r.randint(10, 59)}:{r.randint(10, 59)} {r.choice(['AM', 'PM'])} "
                         f"org.apache.catalina.startup.{r.choice(['Catalina', 'HostConfig'])} {r.choice(METHODS)}")
            lines.append(f"{r.choice(['INFO', 'WARNING', 'SEVERE'])}: {r.choice(MESSAGES)}")
        else:
            lines.append(f"{r.randint(10, 28)}-Oct-2014 22:{r.randint(10, 59)}:{r.randint(10, 59)}.{r.randint(100, 999)} "
                         f"{r.choice(['INFO', 'WARNING', 'SEVERE'])} [{r.choice(THREADS[:3])}] "
                         f"org.apache.catalina.core.StandardService.startInternal {r.choice(MESSAGES)}")
    return "\n".join(lines)


def pylog(r: random.Random) -> str:
    lines = []
    form = r.randint(0, 2)
    for _ in range(r.choice([1, 2, 3, 6])):
        lv = r.choice(["INFO", "WARNING", "ERROR", "DEBUG", "CRITICAL"])
        name = r.choice(["root", "urllib3.connectionpool", "app.worker", "kafka.conn", "django.request"])
        msg = r.choice(MESSAGES)
        if form == 0:
            lines.append(f"{lv}:{name}:{msg}")
        elif form == 1:
            lines.append(f"{ts(r)} - {name} - {lv} - {msg}")
        else:
            lines.append(f"[{ts(r)}] {lv} in {name.split('.')[-1]}: {msg}")
    return "\n".join(lines)


def syslog(r: random.Random) -> str:
    lines = []
    host = r.choice(["web01", "hadoop-nn1", "localhost", "db-master"])
    for _ in range(r.choice([1, 2, 4, 7])):
        prog = r.choice(["sshd", "kernel", "systemd", "CRON", "ntpd", "dockerd"])
        pid = "" if prog == "kernel" else f"[{r.randint(100, 30000)}]"
        msg = r.choice(["Accepted password for root from 10.0.0.1 port 22 ssh2",
                        "Out of memory: Kill process 2345 (java) score 901 or sacrifice child",
                        "Started Session 12 of user hadoop.", "(root) CMD (run-parts /etc/cron.hourly)",
                        "synchronized to 10.0.0.2, stratum 3", "possible SYN flooding on port 8080. Sending cookies."])
        lines.append(f"{r.choice(['Oct', 'Nov', 'Jan'])} {r.randint(1, 28):>2} {r.randint(0, 23):02d}:"
                     f"{r.randint(0, 59):02d}:{r.randint(0, 59):02d} {host} {prog}{pid}: {msg}")
    return "\n".join(lines)


def gclog(r: random.Random) -> str:
    lines = []
    form = r.randint(0, 2)
    t = r.uniform(1, 500)
    for _ in range(r.choice([1, 2, 3, 6])):
        t += r.uniform(0.5, 30)
        a, b, c = r.randint(50000, 90000), r.randint(5000, 20000), r.randint(100000, 300000)
        if form == 0:
            lines.append(f"{ts(r, 'T', '.')}+0800: {t:.3f}: [GC (Allocation Failure) [PSYoungGen: {a}K->{b}K({a + 10000}K)] "
                         f"{a + 500}K->{b + 700}K({c}K), 0.0{r.randint(100, 999)} secs] [Times: user=0.03 sys=0.01, real=0.01 secs]")
        elif form == 1:
            lines.append(f"{t:.3f}: [Full GC [PSYoungGen: {b}K->0K({a}K)] [ParOldGen: {c}K->{c - 5000}K({c + 9000}K)] "
                         f"{c + b}K->{c - 5000}K({c + a}K) [PSPermGen: 21000K->21000K(21504K)], 0.{r.randint(100, 999)} secs]")
        else:
            lines.append(f"[{t:.3f}s][info][gc] GC({r.randint(0, 99)}) Pause Young (Normal) (G1 Evacuation Pause) "
                         f"{r.randint(20, 90)}M->{r.randint(2, 19)}M({r.choice([256, 512, 1024])}M) {r.uniform(1, 20):.3f}ms")
    return "\n".join(lines)


JAVA_BODIES = [
    """@Override
public synchronized void start() {
  Preconditions.checkState(channel != null, "No channel configured");

  lifecycleState = LifecycleState.START;
}""",
    """public class {C} {
    private static final Logger logger = LoggerFactory.getLogger({C}.class);

    public void {M}() {
        // 创建连接
        createConnection();
    }
}""",
    """try {
  createConnection();
} catch (FlumeException e) {
  logger.warn("Unable to create Rpc client using hostname: " + hostname, e);
  destroyConnection();
}""",
    """Properties props = new Properties();
props.put("bootstrap.servers", "localhost:9092");
props.put("acks", "all");
Producer<String, String> producer = new KafkaProducer<>(props);""",
    """for (int i = 0; i < list.size(); i++) {
    if (list.get(i) == null) {
        continue; // 跳过空值
    }
    sum += list.get(i);
}""",
    """import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

public interface {C}Repository {
    List<{C}> findAll();
}""",
    """/**
 * The start() of RpcSink is more of an optimization that allows connection
 * to be created before the process() loop is started.
 */
@Override
public void start() {
  logger.info("Starting {}...", this);
  sinkCounter.start();
  super.start();
}""",
    """Configuration conf = new Configuration();
conf.set("fs.defaultFS", "hdfs://namenode:8020");
FileSystem fs = FileSystem.get(conf);""",
    """private final ExecutorService pool = Executors.newFixedThreadPool(4);""",
    """public static void main(String[] args) throws Exception {
    new {C}().{M}();
}""",
    """@Autowired
private {C} {m};

@GetMapping("/orders/{id}")
public ResponseEntity<Order> get(@PathVariable Long id) {
    return ResponseEntity.ok({m}.findById(id));
}""",
    """synchronized (lock) {
    while (!ready) {
        lock.wait();   // 等待通知
    }
}""",
    """String sql = "select * from t_order where id = ?";
PreparedStatement ps = conn.prepareStatement(sql);
ps.setLong(1, id);
ResultSet rs = ps.executeQuery();""",
    """Runtime.getRuntime().addShutdownHook(new Thread(() -> {
    logger.info("shutting down");
    server.stop();
}));""",
    """public enum State { IDLE, START, STOP, ERROR }""",
    """if (channel == null) {
    throw new IllegalStateException("No channel configured");
}""",
]


def java(r: random.Random) -> str:
    body = r.choice(JAVA_BODIES)
    cls = r.choice(CLASSES)
    body = body.replace("{C}", cls).replace("{M}", r.choice(METHODS)).replace(
        "{m}", cls[0].lower() + cls[1:])
    if r.random() < 0.3:
        body = "\n".join("    " + line if line else line for line in body.splitlines())
    if r.random() < 0.3:
        body += "\n" + r.choice(JAVA_BODIES).replace("{C}", cls).replace("{M}", "run").replace("{m}", "svc")
    return body


XML = [
    """<dependency>
    <groupId>org.apache.flume</groupId>
    <artifactId>flume-ng-core</artifactId>
    <version>1.5.0</version>
</dependency>""",
    """<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <property>
    <name>dfs.replication</name>
    <value>3</value>
    <!-- 副本数 -->
  </property>
</configuration>""",
    """<appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
  <file>logs/app.log</file>
  <encoder>
    <pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern>
  </encoder>
</appender>""",
    """<bean id="dataSource" class="com.alibaba.druid.pool.DruidDataSource" init-method="init">
    <property name="url" value="${jdbc.url}"/>
    <property name="maxActive" value="20"/>
</bean>""",
    """<servlet>
  <servlet-name>dispatcher</servlet-name>
  <servlet-class>org.springframework.web.servlet.DispatcherServlet</servlet-class>
  <load-on-startup>1</load-on-startup>
</servlet>""",
    """<logger name="org.apache.kafka" level="WARN"/>""",
    """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>cn.blog</groupId>
  <artifactId>demo</artifactId>
  <packaging>jar</packaging>
</project>""",
]


def xml(r: random.Random) -> str:
    out = r.choice(XML)
    if r.random() < 0.3:
        out += "\n" + r.choice(XML)
    return out


CONSOLE = [
    "$ jps -l\n12345 org.apache.flume.node.Application\n23456 sun.tools.jps.Jps",
    "$ jstack 12345 | grep -A 5 SinkRunner\n\"SinkRunner-PollingRunner-DefaultSinkProcessor\" prio=10 tid=0x00007f waiting on condition",
    "# netstat -antp | grep 1463\ntcp        0      0 10.2.8.12:52311     10.2.8.11:1463      ESTABLISHED 12345/java",
    "$ hdfs dfs -ls /user/flume\nFound 2 items\ndrwxr-xr-x   - flume supergroup          0 2014-10-11 22:48 /user/flume/events",
    "$ free -m\n             total       used       free     shared    buffers     cached\nMem:          7872       7614        258          0        146       3117",
    "# service flume-ng-agent restart\nStopping Flume NG agent daemon (flume-ng-agent):       [  OK  ]\nStarting Flume NG agent daemon (flume-ng-agent):       [  OK  ]",
    "$ ps aux | grep kafka\nkafka     2345  3.1 12.0 5123456 987654 ?     Sl   Oct11  20:15 java -Xmx1G kafka.Kafka",
    "[root@hadoop-nn1 ~]# df -h\nFilesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        50G   48G  2.0G  96% /",
    "$ cat /proc/sys/vm/swappiness\n60\n$ sudo sysctl vm.swappiness=1\nvm.swappiness = 1",
    "$ mvn clean package -DskipTests",
    "$ echo stat | nc localhost 2181\nZookeeper version: 3.4.6-1569965, built on 02/20/2014 09:09 GMT\nMode: follower",
    "user@host:~$ tail -f /var/log/flume/flume.log",
]


def console(r: random.Random) -> str:
    out = r.choice(CONSOLE)
    if r.random() < 0.3:
        out += "\n" + r.choice(CONSOLE)
    return out


BASH = [
    """#!/bin/bash
# 启动 flume agent
export JAVA_HOME=/usr/java/jdk1.7.0_67
bin/flume-ng agent --conf conf --conf-file conf/flume.conf --name a1 -Dflume.root.logger=INFO,console""",
    """for host in nn1 dn1 dn2; do
  ssh $host "jps | grep DataNode"
done""",
    """#!/bin/sh
PID=$(cat /var/run/flume.pid)
if [ -z "$PID" ]; then
    echo "not running"
    exit 1
fi
kill -3 $PID""",
    """export HADOOP_HOME=/opt/hadoop
export PATH=$PATH:$HADOOP_HOME/bin""",
    """nohup java -jar app.jar --spring.profiles.active=prod > app.out 2>&1 &""",
    """while true; do
  jstat -gcutil $(pgrep -f Kafka) 1000 10
  sleep 60
done""",
    """sudo yum install -y java-1.8.0-openjdk
sudo systemctl enable kafka && sudo systemctl start kafka""",
    """tar -zxvf apache-flume-1.5.0-bin.tar.gz -C /opt/
cd /opt/apache-flume-1.5.0-bin
cp conf/flume-env.sh.template conf/flume-env.sh""",
]


def bash(r: random.Random) -> str:
    out = r.choice(BASH)
    if r.random() < 0.3:
        out += "\n" + r.choice(BASH).replace("#!/bin/bash\n", "").replace("#!/bin/sh\n", "")
    return out


PROPS = [
    """a1.sources = r1
a1.sinks = k1
a1.channels = c1
# 配置 avro sink
a1.sinks.k1.type = avro
a1.sinks.k1.hostname = 10.2.8.11
a1.sinks.k1.port = 1463""",
    """log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=%d (%t) [%p - %l] %m%n""",
    """spring.datasource.url=jdbc:mysql://localhost:3306/blog?useUnicode=true&characterEncoding=utf8
spring.datasource.username=root
spring.datasource.password=secret""",
    """bootstrap.servers=localhost:9092
acks=all
retries=3
linger.ms=5""",
    """tickTime=2000
initLimit=10
syncLimit=5
dataDir=/var/lib/zookeeper
clientPort=2181
server.1=zk1:2888:3888
server.2=zk2:2888:3888""",
    """# 每个 broker 的 id
broker.id=0
log.dirs=/data/kafka-logs
num.partitions=3""",
]


def properties(r: random.Random) -> str:
    out = r.choice(PROPS)
    lines = out.splitlines()
    if r.random() < 0.4:
        lines = lines[: r.randint(2, len(lines))]
    return "\n".join(lines)


INI = [
    """[mysqld]
datadir=/var/lib/mysql
socket=/var/lib/mysql/mysql.sock
innodb_buffer_pool_size=2G
max_connections=1000

[mysqld_safe]
log-error=/var/log/mysqld.log""",
    """[Unit]
Description=Apache Kafka
After=network.target

[Service]
User=kafka
ExecStart=/opt/kafka/bin/kafka-server-start.sh /opt/kafka/config/server.properties
Restart=on-failure

[Install]
WantedBy=multi-user.target""",
    """[global]
index-url = https://pypi.tuna.tsinghua.edu.cn/simple
timeout = 60""",
    """[client]
default-character-set = utf8mb4
; 客户端编码
[mysql]
no-auto-rehash""",
    """[supervisord]
nodaemon=true

[program:flume]
command=/opt/flume/bin/flume-ng agent -n a1 -c conf -f conf/flume.conf
autorestart=true""",
]


def ini(r: random.Random) -> str:
    return r.choice(INI)


def pytb(r: random.Random) -> str:
    calls = []
    for _ in range(r.randint(1, 4)):
        f = r.choice(["app/worker.py", "/usr/lib/python3.8/site-packages/kafka/conn.py", "manage.py", "main.py"])
        fn = r.choice(["<module>", "run", "send", "_poll", "handle"])
        calls.append(f'  File "{f}", line {r.randint(1, 900)}, in {fn}\n    {r.choice(["self._sock.connect(addr)", "main()", "result = process(batch)", "return json.loads(text)"])}')
    last = r.choice(["ConnectionRefusedError: [Errno 111] Connection refused", "KeyError: 'host'",
                     "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
                     "kafka.errors.NoBrokersAvailable: NoBrokersAvailable",
                     "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xd6 in position 0: invalid continuation byte"])
    return "Traceback (most recent call last):\n" + "\n".join(calls) + "\n" + last


JSON = [
    """{
  "name": "flume-agent",
  "version": "1.5.0",
  "sinks": ["k1", "k2"],
  "enabled": true
}""",
    """{"took": 12, "timed_out": false, "hits": {"total": 0, "hits": []}}""",
    """[
  {"id": 1, "title": "Flume sink 挂起", "tags": ["flume", "hadoop"]},
  {"id": 2, "title": "Kafka 重平衡", "tags": ["kafka"]}
]""",
    """{
    "code": 500,
    "message": "服务器内部错误",
    "data": null,
    "timestamp": "2014-10-11T22:48:56.818+08:00"
}""",
    """{
  "beans" : [ {
    "name" : "Hadoop:service=NameNode,name=JvmMetrics",
    "MemHeapUsedM" : 1024.5,
    "GcCount" : 312
  } ]
}""",
]


def json_(r: random.Random) -> str:
    return r.choice(JSON)


SQL = [
    "SELECT id, title FROM t_post WHERE category = 'hadoop' ORDER BY created_at DESC LIMIT 10;",
    """select o.id, o.amount, u.name
from t_order o
left join t_user u on o.user_id = u.id
where o.created_at > '2014-10-11 00:00:00'
group by u.name;""",
    """CREATE TABLE `t_event` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `body` text COMMENT '事件内容',
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_created` (`created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;""",
    "UPDATE t_user SET status = 0 WHERE last_login < DATE_SUB(NOW(), INTERVAL 1 YEAR);",
    """INSERT INTO t_config (k, v) VALUES ('sink.batch', '500');
INSERT INTO t_config (k, v) VALUES ('sink.port', '1463');""",
    "SHOW VARIABLES LIKE 'max_connections';",
    "ALTER TABLE t_order ADD INDEX idx_user (user_id);",
    "delete from t_log where created_at < '2014-01-01';",
    """EXPLAIN SELECT * FROM t_order WHERE user_id = 42;""",
]


def sql(r: random.Random) -> str:
    out = r.choice(SQL)
    if r.random() < 0.25:
        out += "\n" + r.choice(SQL)
    return out


TEXT = [
    "Rpc sink k2 started.",
    "这里是一段没有语言的纯文本说明。",
    "agent --> collector --> hdfs",
    "http://10.2.8.11:8080/metrics",
    "/var/log/flume/flume.log",
    "TODO:\n1. 检查 channel 容量\n2. 检查 sink 线程",
    "Hello, World!",
    "结果：\n成功 120 条，失败 3 条",
    "a1 -> c1 -> k1\n       \\-> k2",
    "The quick brown fox jumps over the lazy dog.",
    "版本：1.5.0\n作者：blog",
    "+-------+-------+\n| host  | port  |\n+-------+-------+\n| nn1   | 8020  |\n+-------+-------+",
    "步骤一：停止服务\n步骤二：备份数据\n步骤三：升级",
    "ERROR",
    "Not Found",
    "hadoop fs",
]


def text(r: random.Random) -> str:
    return r.choice(TEXT)


# --- languages added with the measurement on real blogs (appended: the kinds above keep
# their random draws) ---------------------------------------------------------------------

PYTHON = [
    """import json
import requests

def fetch_metrics(host, port=8080):
    resp = requests.get(f"http://{host}:{port}/metrics", timeout=5)
    resp.raise_for_status()
    return json.loads(resp.text)""",
    """from kafka import KafkaConsumer

consumer = KafkaConsumer("order-events", bootstrap_servers=["10.2.8.41:9092"])
for msg in consumer:
    print(msg.offset, msg.value)""",
    """class SinkMonitor(object):
    def __init__(self, name):
        self.name = name
        self.failures = 0

    def record(self, ok):
        if not ok:
            self.failures += 1""",
    """if __name__ == "__main__":
    main()""",
    """with open("/var/log/flume/flume.log") as f:
    for line in f:
        if "ERROR" in line:
            print(line.strip())""",
    """try:
    conn = pymysql.connect(host="localhost", user="root", password="secret")
except pymysql.err.OperationalError as e:
    print("连接失败", e)""",
    """def parse(line):
    parts = line.split(" - ")
    if len(parts) < 2:
        return None
    return parts[0], parts[1]""",
]


def python(r: random.Random) -> str:
    out = r.choice(PYTHON)
    if r.random() < 0.3:
        out += "\n\n" + r.choice(PYTHON)
    return out


PYCON = [
    """>>> import sys
>>> sys.version
'2.7.5 (default, Nov 20 2015, 02:00:19)'""",
    """>>> d = {"a": 1}
>>> d.get("b", 0)
0""",
    """>>> for i in range(3):
...     print(i)
...
0
1
2""",
]


def pycon(r: random.Random) -> str:
    return r.choice(PYCON)


YAML = [
    """spring:
  datasource:
    url: jdbc:mysql://localhost:3306/blog
    username: root
    password: secret
  redis:
    host: 127.0.0.1
    port: 6379""",
    """version: "3"
services:
  zookeeper:
    image: zookeeper:3.4
    ports:
      - "2181:2181"
  kafka:
    image: wurstmeister/kafka
    depends_on:
      - zookeeper""",
    """apiVersion: v1
kind: Service
metadata:
  name: order-api
spec:
  selector:
    app: order-api
  ports:
    - port: 80
      targetPort: 8080""",
    """server:
  port: 8080
logging:
  level:
    root: INFO
    com.example.order: DEBUG""",
    """- hosts: hadoop
  tasks:
    - name: install java
      yum:
        name: java-1.8.0-openjdk
        state: present""",
]


def yaml(r: random.Random) -> str:
    return r.choice(YAML)


JAVASCRIPT = [
    """const express = require('express');
const app = express();

app.get('/health', (req, res) => {
  res.json({ status: 'UP' });
});

app.listen(3000, () => console.log('listening on 3000'));""",
    """function debounce(fn, wait) {
  let timer = null;
  return function () {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, arguments), wait);
  };
}""",
    """fetch('/api/orders')
  .then(res => res.json())
  .then(data => {
    console.log(data.length);
  });""",
    """module.exports = {
  entry: './src/index.js',
  output: { filename: 'bundle.js' }
};""",
    """document.getElementById('submit').addEventListener('click', async () => {
  const resp = await fetch('/api/login', { method: 'POST' });
  console.log(resp.status);
});""",
]


def javascript(r: random.Random) -> str:
    return r.choice(JAVASCRIPT)


TYPESCRIPT = [
    """interface Order {
  id: number;
  userId: number;
  amount: number;
}

export function total(orders: Order[]): number {
  return orders.reduce((sum, o) => sum + o.amount, 0);
}""",
    """export class OrderService {
  constructor(private readonly http: HttpClient) {}

  list(page: number): Observable<Order[]> {
    return this.http.get<Order[]>(`/api/orders?page=${page}`);
  }
}""",
    """const retries: number = 3;
let lastError: string | null = null;
console.log(retries, lastError);""",
]


def typescript(r: random.Random) -> str:
    return r.choice(TYPESCRIPT)


GO = [
    """package main

import (
	"fmt"
	"net/http"
)

func main() {
	http.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	http.ListenAndServe(":8080", nil)
}""",
    """func readConfig(path string) (*Config, error) {
	data, err := ioutil.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cfg Config
	err = json.Unmarshal(data, &cfg)
	return &cfg, err
}""",
    """type Sink struct {
	Host string
	Port int
}

func (s *Sink) Addr() string {
	return fmt.Sprintf("%s:%d", s.Host, s.Port)
}""",
    """ch := make(chan int, 10)
go func() {
	for i := 0; i < 10; i++ {
		ch <- i
	}
	close(ch)
}()""",
]


def go(r: random.Random) -> str:
    return r.choice(GO)


C = [
    """#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[])
{
    char *buf = malloc(1024);
    if (buf == NULL) {
        perror("malloc");
        return 1;
    }
    printf("%s\\n", argv[0]);
    free(buf);
    return 0;
}""",
    """static int sink_open(struct sink *s, const char *host)
{
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (s->fd < 0)
        return -errno;
    return 0;
}""",
    """struct list_head {
    struct list_head *next, *prev;
};""",
    """#define MAX_EVENTS 64
unsigned long flags;
spin_lock_irqsave(&q->lock, flags);""",
]


def c(r: random.Random) -> str:
    return r.choice(C)


CPP = [
    """#include <iostream>
#include <vector>
using namespace std;

int main() {
    vector<int> v = {3, 1, 2};
    for (auto x : v) cout << x << endl;
    return 0;
}""",
    """template <typename T>
class Queue {
public:
    void push(const T& item) { items_.push_back(item); }
private:
    std::deque<T> items_;
};""",
    """std::unique_ptr<Sink> sink = std::make_unique<AvroSink>(host, port);
sink->start();""",
]


def cpp(r: random.Random) -> str:
    return r.choice(CPP)


SCALA = [
    """import org.apache.spark.{SparkConf, SparkContext}

object WordCount {
  def main(args: Array[String]): Unit = {
    val conf = new SparkConf().setAppName("WordCount")
    val sc = new SparkContext(conf)
    sc.textFile(args(0)).flatMap(_.split(" ")).map(w => (w, 1)).reduceByKey(_ + _)
      .saveAsTextFile(args(1))
  }
}""",
    """case class Event(id: Long, body: String)

def parse(line: String): Option[Event] = line.split(",") match {
  case Array(id, body) => Some(Event(id.toLong, body))
  case _ => None
}""",
    """val lines = sc.textFile("hdfs:///flume/events")
val errors = lines.filter(_.contains("ERROR"))
println(errors.count())""",
]


def scala(r: random.Random) -> str:
    return r.choice(SCALA)


DOCKERFILE = [
    """FROM openjdk:8-jre
COPY target/order-api.jar /app/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]""",
    """FROM python:3.7-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt \\
    && rm -rf /root/.cache
COPY . .
CMD ["python", "app.py"]""",
    """# 构建阶段
FROM maven:3.6-jdk-8 AS build
COPY . /src
RUN mvn -f /src/pom.xml package -DskipTests""",
]


def dockerfile(r: random.Random) -> str:
    return r.choice(DOCKERFILE)


NGINX = [
    """upstream order_api {
    server 10.2.8.21:8080;
    server 10.2.8.22:8080;
}

server {
    listen 80;
    server_name api.example.com;

    location / {
        proxy_pass http://order_api;
        proxy_set_header Host $host;
    }
}""",
    """location /static/ {
    root /data/www;
    expires 7d;
}""",
    """worker_processes auto;
events {
    worker_connections 1024;
}""",
    """client_max_body_size 20m;
proxy_read_timeout 300s;""",
]


def nginx(r: random.Random) -> str:
    return r.choice(NGINX)


GENERATORS: dict[str, tuple[Callable[[random.Random], str], int]] = {
    "java": (java, 40), "log4j": (log4j, 30), "logback": (logback, 20), "jul": (jul, 12),
    "pylog": (pylog, 12), "syslog": (syslog, 12), "gclog": (gclog, 12),
    "stacktrace": (stacktrace, 25), "xml": (xml, 20), "console": (console, 20),
    "bash": (bash, 20), "properties": (properties, 20), "ini": (ini, 12), "pytb": (pytb, 15),
    "json": (json_, 15), "sql": (sql, 20), "text": (text, 20),
    "python": (python, 15), "pycon": (pycon, 6), "yaml": (yaml, 12),
    "javascript": (javascript, 12), "typescript": (typescript, 8), "go": (go, 12), "c": (c, 12),
    "cpp": (cpp, 8), "scala": (scala, 8), "dockerfile": (dockerfile, 8), "nginx": (nginx, 10),
}


def main() -> None:
    r = random.Random(SEED)
    for kind, (gen, count) in GENERATORS.items():
        folder = HERE / kind
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for i in range(count):
            (folder / f"{i:03d}.txt").write_text(gen(r) + "\n", encoding="utf-8")
    (HERE / "labels.json").write_text(json.dumps(LABELS, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")


if __name__ == "__main__":
    main()
