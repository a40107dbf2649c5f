return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.KafkaLog.KafkaLogNode, Glomers.KafkaLog.KafkaLogOptions>(args);
