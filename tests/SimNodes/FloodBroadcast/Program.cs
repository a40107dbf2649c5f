return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.FloodBroadcast.FloodBroadcastNode>(args);
