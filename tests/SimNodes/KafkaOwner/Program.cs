return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.KafkaOwner.KafkaOwnerNode, Glomers.SimNodes.KafkaOwner.KafkaOwnerNode.Options>(args);
