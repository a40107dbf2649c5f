return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.FloodBroadcast.FloodBroadcastNode, Glomers.SimNodes.FloodBroadcast.FloodBroadcastNode.Options>(args);
