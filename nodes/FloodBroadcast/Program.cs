return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.FloodBroadcast.FloodBroadcastNode, Glomers.FloodBroadcast.FloodBroadcastOptions>(args);
