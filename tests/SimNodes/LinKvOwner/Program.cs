return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.LinKvOwner.LinKvOwnerNode>(args);
