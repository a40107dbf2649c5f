return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.KafkaOwner.KafkaOwnerNode>(args);
