return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.Echo.EchoNode>(args);
