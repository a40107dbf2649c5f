return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.LinKvOwner.LinKvOwnerNode, Glomers.SimNodes.LinKvOwner.LinKvOwnerNode.Options>(args);
