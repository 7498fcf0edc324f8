"""The words the synthetic corpus is made of (``gencorpus.py``): categories and tags with their
Zipf-like weights, Chinese and English prose pieces, Java names, log messages, shell commands
and configuration properties. Data only, written for this generator.
"""
# ruff: noqa: E501
# (the Chinese word lists are kept one list per line)
from __future__ import annotations

#: Categories, most common first; drawn with Zipf-like weights.
CATEGORIES: tuple[str, ...] = (
    "hadoop", "java", "linux", "bigdata", "mysql", "network", "tools", "读书笔记",
)
#: Tags, most common first (32 of them; a few are CJK, as on real Chinese blogs).
TAGS: tuple[str, ...] = (
    "flume", "hdfs", "jvm", "hbase", "log4j", "shell", "kafka", "mysql", "zookeeper",
    "故障排查", "hive", "gc", "netty", "maven", "tomcat", "nginx", "yarn", "spark", "redis",
    "jstack", "性能", "linux", "git", "ssh", "crontab", "tcp", "spring", "vim", "dns",
    "docker", "python", "源码分析",
)
#: Tags that go with a category, so a post's tags look related to its category.
CATEGORY_TAGS: dict[str, tuple[str, ...]] = {
    "hadoop": ("hdfs", "flume", "hbase", "hive", "yarn", "zookeeper"),
    "java": ("jvm", "gc", "jstack", "netty", "maven", "spring", "log4j"),
    "linux": ("shell", "crontab", "ssh", "linux", "vim", "性能"),
    "bigdata": ("kafka", "spark", "flume", "hive", "zookeeper"),
    "mysql": ("mysql", "redis", "性能"),
    "network": ("tcp", "dns", "nginx", "netty", "ssh"),
    "tools": ("git", "vim", "maven", "docker", "python"),
    "读书笔记": ("源码分析", "jvm", "性能"),
}

ZH_NOUNS = ["服务端", "客户端", "连接", "配置文件", "日志", "线程", "线程池", "进程", "内存", "磁盘", "网络", "集群", "节点", "数据块", "副本", "队列", "缓存", "索引", "数据库", "请求", "响应", "超时时间", "心跳", "端口", "防火墙", "权限", "环境变量", "启动脚本", "源码", "方法", "参数", "返回值", "异常", "堆栈", "堆内存", "类加载器", "依赖包", "版本", "补丁", "监控", "告警", "吞吐量", "延迟", "负载", "调度器", "任务", "分区", "文件系统", "目录", "序列化", "协议", "通道", "事件", "回调", "死锁", "事务", "慢查询", "消息", "消费者", "生产者", "偏移量", "元数据", "快照", "检查点", "编码", "字符集", "乱码", "时区", "定时任务", "脚本", "命令行", "生产环境", "测试环境", "虚拟机", "容器", "内核参数", "文件句柄", "系统调用", "代理", "证书", "重试机制", "接口", "实现类", "父类", "构造函数", "单例", "配置项", "默认值", "会话", "连接池", "计数器", "生命周期", "主线程", "工作线程", "守护进程", "临时文件", "软链接", "时间戳", "错误码"]
ZH_STATES = ["挂了", "卡住了", "没有响应", "超时了", "断开了", "被阻塞了", "重启了", "报错了", "启动失败了", "一直在重连", "占满了", "丢失了一部分", "被覆盖了", "初始化完成", "执行了两次", "没有释放", "泄漏了", "变慢了", "乱码了", "回滚了"]
ZH_OPENERS = (
    "在跟进的过程中，", "先来看正常启动的过程。", "从以上日志可以看出，", "查了一下资料，",
    "一开始以为是网络的问题，", "仔细看了一下源码，", "于是，", "重新部署后，", "理论上，",
    "奇怪的是，", "测试时，", "简单来说，", "为了验证这个猜想，", "重启之后，",
)
ZH_CLOSERS = (
    "以后遇到同样的问题可以参考。", "这是一个已知的问题。", "只是猜测还没有验证。",
    "需要对比一下前后的日志。", "具体的步骤如下。", "效果还不错。", "复现的概率不高。",
    "应该是哪里没有处理好。", "问题就解决了。", "先记录下来。", "暂时没有更好的办法。",
)
ZH_HEADINGS = (
    "问题描述", "现象", "原因分析", "解决方案", "解决办法", "遗留问题", "参考资料", "总结",
    "排查过程", "环境", "复现步骤", "源码分析", "后记", "补充",
)
EN_TERMS = (
    "Flume", "HDFS", "NameNode", "DataNode", "HBase", "RegionServer", "Hive", "Kafka",
    "ZooKeeper", "YARN", "ResourceManager", "Spark", "Tomcat", "Nginx", "MySQL", "Redis",
    "Netty", "Avro", "Thrift", "JVM", "GC", "Maven", "log4j", "slf4j", "agent", "sink",
    "source", "channel", "server", "client", "socket", "rpc", "jstack", "jmap", "crontab",
    "iptables", "classpath", "heap", "broker", "consumer", "producer", "session", "checkpoint",
)
JAVA_PACKAGES = (
    "org.apache.flume.sink", "org.apache.flume.api", "org.apache.flume.channel",
    "org.apache.hadoop.hdfs", "org.apache.hadoop.ipc", "org.apache.hadoop.hbase.regionserver",
    "org.apache.zookeeper", "org.apache.kafka.clients.producer", "com.example.etl",
    "org.springframework.context", "io.netty.channel", "org.apache.catalina.core",
)
JAVA_CLASSES = (
    "NettyAvroRpcClient", "AbstractRpcSink", "AvroSink", "FileChannel", "MemoryChannel",
    "SinkRunner", "DFSOutputStream", "LeaseManager", "Client", "HRegion", "ClientCnxn",
    "KafkaProducer", "LogLoader", "ApplicationContext", "DefaultChannelPipeline",
    "StandardWrapper", "BucketWriter", "HDFSEventSink", "ExecSource", "DataStreamer",
)
JAVA_METHODS = (
    "configure", "start", "stop", "process", "createConnection", "destroyConnection", "append",
    "flush", "run", "doTake", "doPut", "commit", "rollback", "call", "sendPacket", "close",
    "initializeRpcClient", "checkState", "recover", "poll", "write", "handle",
)
THREADS = (
    "lifecycleSupervisor-1-1", "SinkRunner-PollingRunner-DefaultSinkProcessor", "main",
    "pool-3-thread-1", "IPC Server handler 4 on 8020", "New I/O worker #2",
    "hdfs-k1-call-runner-0", "conf-file-poller-0", "DataStreamer for file /flume/events",
    "http-bio-8080-exec-12",
)
LOG_MESSAGES = (
    "Batch size string = {n}", "Using default maxIOWorkers", "Rpc sink {w}: Created RpcClient",
    "Rpc sink {w} started.", "Polling sink runner starting", "Attempting to create Avro Rpc client.",
    "Creating {path}.tmp", "Renaming {path}.tmp to {path}", "Connection refused: /10.2.8.{n3}:{port}",
    "Unable to deliver event. Exception follows.", "Checkpoint for file: {path} is: {n}",
    "Exception while closing socket", "Transaction rolled back", "Got brand-new compressor",
    "Session establishment complete on server 10.2.8.{n3}:2181, sessionid = 0x{hex}",
    "Slow ReadProcessor read fields took {n}ms (threshold=30000ms)",
    "Started SelectChannelConnector@0.0.0.0:{port}", "Waiting for channel: {w} to stop",
    "Removing pool entry: {w}", "Failed to send batch, will retry in {n3} ms",
)
EXCEPTIONS = (
    "java.io.IOException: Broken pipe", "java.net.ConnectException: Connection refused",
    "java.lang.OutOfMemoryError: Java heap space", "java.lang.NullPointerException",
    "org.apache.flume.EventDeliveryException: Failed to send events",
    "java.util.concurrent.TimeoutException", "java.io.EOFException",
    "org.apache.hadoop.ipc.RemoteException: File does not exist",
    "java.lang.IllegalStateException: Channel closed",
)
SLUG_WORDS = (
    "flume", "sink", "hang", "hdfs", "namenode", "safemode", "hbase", "region", "split", "jvm",
    "gc", "full", "oom", "heap", "dump", "log4j", "rolling", "appender", "kafka", "offset",
    "lag", "zookeeper", "session", "expired", "mysql", "slow", "query", "utf8", "encoding",
    "nginx", "upstream", "timeout", "tomcat", "thread", "leak", "jstack", "deadlock", "maven",
    "dependency", "conflict", "shell", "crontab", "ssh", "tunnel", "iptables", "tcp",
    "time-wait", "dns", "cache", "hive", "udf", "spark", "shuffle", "yarn", "container",
    "killed", "netty", "epoll", "bug", "fix", "upgrade", "notes", "install", "config",
    "hadoop2", "cdh5", "java7", "x64", "centos6",
)
ZH_TITLE_TAILS = (
    "的问题", "问题排查", "踩坑记录", "笔记", "的一次故障", "的解决办法", "源码分析", "小结",
    "不工作的原因", "配置说明",
)
SHELL_COMMANDS = (
    "hadoop fs -ls /flume/events/{y}", "jps -l", "jstack {pid} > /tmp/jstack.{pid}.log",
    "jmap -histo:live {pid} | head -n 20", "jstat -gcutil {pid} 1000 5",
    "tail -f /var/log/flume/flume.log | grep -i error", "netstat -anp | grep {port}",
    "ps aux | grep flume | grep -v grep", "ulimit -n", "sudo iptables -L -n",
    "hdfs dfsadmin -report", "hbase hbck -details", "crontab -l",
    "grep -c 'Batch size' /var/log/flume/flume.log", "ls -lh /data/flume/checkpoint",
    "export JAVA_HOME=/usr/java/jdk1.7.0_67", "echo $HADOOP_HOME",
    "mvn dependency:tree -Dincludes=org.slf4j", "ssh -p 22 hadoop@10.2.8.{n3}",
    "bin/flume-ng agent -c conf -f conf/flume.conf -n a1 -Dflume.root.logger=DEBUG,console",
)
XML_PROPERTIES = (
    ("dfs.replication", "3"), ("dfs.namenode.handler.count", "64"),
    ("dfs.client.socket-timeout", "120000"), ("hbase.regionserver.handler.count", "50"),
    ("hbase.zookeeper.quorum", "zk1,zk2,zk3"), ("io.file.buffer.size", "131072"),
    ("mapreduce.map.memory.mb", "2048"), ("yarn.nodemanager.resource.memory-mb", "8192"),
    ("hive.exec.parallel", "true"), ("fs.trash.interval", "1440"),
)
FLUME_PROPERTIES = (
    "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1 k2", "a1.sources.r1.type = exec",
    "a1.sources.r1.command = tail -F /var/log/app/app.log", "a1.channels.c1.type = file",
    "a1.channels.c1.checkpointDir = /data/flume/checkpoint", "a1.channels.c1.capacity = 1000000",
    "a1.sinks.k1.type = avro", "a1.sinks.k1.hostname = 10.2.8.11", "a1.sinks.k1.port = 1463",
    "a1.sinks.k1.batch-size = 500", "a1.sinks.k1.request-timeout = 20000",
    "a1.sinkgroups.g1.processor.type = failover",
    "log4j.rootLogger=INFO, DRFA", "log4j.appender.DRFA=org.apache.log4j.DailyRollingFileAppender",
    "log4j.appender.DRFA.DatePattern=.yyyy-MM-dd",
    "log4j.appender.DRFA.layout.ConversionPattern=%d (%t) [%p - %l] %m%n",
)
LINK_HOSTS = ("issues.apache.org/jira/browse", "flume.apache.org", "wiki.example.com/doc",
              "stackoverflow.com/questions", "blog.example.org/posts")


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    """Skewed weights (rank ``r`` gets ``1/r**s``): a few tags dominate, as on real blogs."""
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


CATEGORY_WEIGHTS = _zipf_weights(len(CATEGORIES))
TAG_WEIGHTS = _zipf_weights(len(TAGS))
